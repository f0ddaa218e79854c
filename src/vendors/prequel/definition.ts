import request from '../../../schemas/prequel/request.json' with { type: 'json' };
import response from '../../../schemas/prequel/response.json' with { type: 'json' };
import path from '../../../schemas/prequel/path.json' with { type: 'json' };
import headers from '../../../schemas/prequel/headers.json' with { type: 'json' };
import { apiKeyHeader, type VendorDefinition } from '../types.js';

/** The 21 destination vendor blocks the page documents, each a `$defs` entry of the schemas. */
export const PREQUEL_BLOCKS = [
  'abs', 'athena', 'aurora_mysql', 'aurora_postgres', 'clickhouse', 'databricks', 'delta_lake', 'gcs',
  'google_sheets', 'iceberg', 'mongodb', 'motherduck', 'mysql', 'oracle', 'planetscale', 'postgres', 's3',
  'sftp', 'singlestore', 'snowflake', 'sql_server',
] as const;
export type PrequelBlock = (typeof PREQUEL_BLOCKS)[number];

export const prequel: VendorDefinition<'prequel'> = {
  id: 'prequel',
  title: 'Prequel',
  seedFile: '002_d5f648cad87d74f3.txt',
  docUrl: 'https://api.prequel.co/destinations/{destination_id}',
  method: 'PATCH',
  providerName: 'prequel-api',
  pathTemplate: '/destinations/{destination_id}',
  pathParameters: [{ name: 'destination_id', inputKey: 'destinationId' }],
  auth: apiKeyHeader('X-API-KEY'),
  destinationPointer: '/data/destination',
  timestamps: { created: 'created_at', updated: 'updated_at' },
  schemas: { request, response, path, headers },
  // Prequel's API reference: every call should carry the version whose destinations have the
  // page's vendor-block shape (the default since October 2025).
  recommendedHeaders: { 'X-Prequel-Api-Version': '2023-12-01' },
};
