// `npm run write-costs`: what one submission and its two mails cost in DynamoDB write units, step by step, measured
// on DynamoDB Local (started here) and printed as the Markdown table docs/records.md carries (a test keeps the two
// equal).
import { measureWriteCosts, WCU_BUDGET_PER_SUBMISSION, writeCostTable } from './capacity.js';
import { startDynamoDbLocal } from './twin/emulators.js';

const dynamo = await startDynamoDbLocal({});
try {
  const costs = await measureWriteCosts(dynamo.endpoint);
  process.stdout.write(`${writeCostTable(costs)}\n\n`);
  process.stdout.write(
    `budget ${WCU_BUDGET_PER_SUBMISSION} WCU per submission; a status read: ${costs.statusReadUnits} RCU\n`,
  );
} finally {
  await dynamo.stop();
}
