// Every item a query matches (or its first `limit`), page after page, with an outage translated (503): the one paging
// loop the adapters on the table share.
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { translate } from './dynamo-errors.js';

export type Item = Record<string, unknown>;

/** With a `limit`, the reads stop at it: each page asks for what is still missing (the query's own `Limit`). */
export async function queryAll(
  db: DynamoDBDocumentClient,
  table: string,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  limit = Number.POSITIVE_INFINITY,
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const left = limit - items.length;
    let page: QueryCommandOutput;
    try {
      page = await db.send(
        new QueryCommand({
          ...input,
          TableName: table,
          ExclusiveStartKey: start,
          ...(Number.isFinite(left) ? { Limit: left } : {}),
        }),
      );
    } catch (error) {
      throw translate(error);
    }
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start && items.length < limit);
  return items;
}
