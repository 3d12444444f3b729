// `npm run migrate`: converts the MongoDB database of MONGODB_URI / MONGODB_DB (as the application reads them)
// from the versioned layout of earlier versions (heads and `*_versions` collections) into the current one,
// and prints what it did. Stop every Grocer process first: writes made during the migration may be lost.
// Safe to run again: on a converted database it changes nothing, and after a crash it finishes the job.
import { MongoClient } from 'mongodb';
import { loadConfig } from '../src/config';
import { describeMigration, migrate } from '../src/store/mongo/migrate/run';
import { databaseName } from '../src/store/mongo/uri';
import { redactUri } from '../src/store/open';

const config = loadConfig(process.env);
if (!config.MONGODB_URI) {
  console.error('MONGODB_URI is not set: there is no MongoDB database to migrate.');
  process.exit(2);
}
const name = databaseName(config.MONGODB_URI, config.MONGODB_DB);
const client = new MongoClient(config.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
try {
  await client.connect();
  console.log(`Migrating database "${name}" at ${redactUri(config.MONGODB_URI)}`);
  for (const line of describeMigration(await migrate(client.db(name)))) console.log(line);
} catch (err) {
  console.error(`Migration failed (safe to run again): ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
