// Every item a query matches, page after page, with an outage translated (503): the one paging loop the adapters on
// the table share.
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { translate } from './dynamo-errors.js';

export type Item = Record<string, unknown>;

export async function queryAll(
  db: DynamoDBDocumentClient,
  table: string,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    let page: QueryCommandOutput;
    try {
      page = await db.send(new QueryCommand({ ...input, TableName: table, ExclusiveStartKey: start }));
    } catch (error) {
      throw translate(error);
    }
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
