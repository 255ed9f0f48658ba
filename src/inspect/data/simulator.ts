// A local AppSync endpoint for the API Amplify synthesized: the Amplify AppSync simulator (its
// VTL engine, $util and $ctx) serves the schema with the resolvers from cdk.out, over dynalite,
// an in-process DynamoDB, both on 127.0.0.1. The packages come from the project's own
// node_modules (its devDependencies with --tenant-claim), as doctor uses the project's own
// toolchain; this package bundles none of them.
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type AppSyncConfig, OFFLINE_ENVIRONMENT, runsAsVtl } from '../../core/data/appsync-config.js';
import { DATA_SIMULATOR_DEPENDENCIES } from '../../core/versions.js';
import { InspectError } from '../errors.js';

export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; errorType?: string }[];
}

export interface LocalAppSync {
  /** POSTs a GraphQL request to the endpoint with this access token as the Authorization header. */
  request(accessToken: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  /** Every item of a table, read straight from DynamoDB (what a request really changed). */
  scan(tableName: string): Promise<Record<string, unknown>[]>;
  /** The GraphQL schema the simulator serves (graphql-js, from the project's install). */
  schema: any;
  /** Type.field of the JavaScript resolvers left out. */
  skipped: string[];
  close(): Promise<void>;
}

const SIMULATOR = '@aws-amplify/amplify-appsync-simulator';
const DYNALITE = 'dynalite';
/** Anything: the requests never leave 127.0.0.1. */
const CREDENTIALS = { accessKeyId: 'offline', secretAccessKey: 'offline' };

/**
 * Serves the API. Resolvers written in JavaScript (APPSYNC_JS: custom queries and mutations with
 * a.handler.custom) are left out, since the simulator runs VTL only: their fields resolve to null,
 * and `skipped` names them for a caller that needs one.
 */
export async function startLocalAppSync(projectDir: string, config: AppSyncConfig): Promise<LocalAppSync> {
  const modules = loadModules(projectDir);
  const resolvers = config.resolvers.filter((resolver) => runsAsVtl(resolver, config.functions));
  const functions = config.functions.filter((fn) => fn.runtime === undefined || fn.runtime === 'VTL');

  const database = modules.dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  const endpoint = `http://127.0.0.1:${await listen(database)}`;
  const closers: (() => Promise<void>)[] = [() => close(database)];
  try {
    const dynamodb = new modules.dynamodb.DynamoDBClient({ endpoint, region: OFFLINE_ENVIRONMENT.region, credentials: CREDENTIALS });
    for (const table of config.tables) {
      await dynamodb.send(
        new modules.dynamodb.CreateTableCommand({
          TableName: table.name,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: table.keySchema.map((key) => ({ AttributeName: key.attributeName, KeyType: key.keyType })),
          AttributeDefinitions: table.attributeDefinitions.map((definition) => ({
            AttributeName: definition.attributeName,
            AttributeType: definition.attributeType,
          })),
          ...(table.globalSecondaryIndexes.length > 0
            ? {
                GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((index) => ({
                  IndexName: index.indexName,
                  KeySchema: index.keySchema.map((key) => ({ AttributeName: key.attributeName, KeyType: key.keyType })),
                  Projection: { ProjectionType: index.projectionType },
                })),
              }
            : {}),
        }),
      );
    }

    const simulator = new modules.simulator.AmplifyAppSyncSimulator();
    const templates: { path: string; content: string }[] = [];
    const template = (path: string, content: string) => {
      templates.push({ path, content });
      return path;
    };
    simulator.init({
      schema: { content: config.schema },
      appSync: {
        name: 'offline',
        defaultAuthenticationType: authenticationProvider(config.defaultAuthenticationType),
        additionalAuthenticationProviders: config.additionalAuthenticationTypes.map(authenticationProvider),
      },
      dataSources: config.dataSources.map((source) =>
        source.type === 'AMAZON_DYNAMODB'
          ? {
              type: source.type,
              name: source.name,
              config: { endpoint, region: OFFLINE_ENVIRONMENT.region, tableName: source.tableName },
              options: { credentials: CREDENTIALS },
            }
          : { type: source.type, name: source.name },
      ),
      functions: functions.map((fn) => ({
        name: fn.name,
        dataSourceName: fn.dataSourceName,
        requestMappingTemplateLocation: template(`functions/${fn.name}.req.vtl`, fn.requestTemplate),
        responseMappingTemplateLocation: template(`functions/${fn.name}.res.vtl`, fn.responseTemplate),
      })),
      resolvers: resolvers.map((resolver) => ({
        kind: resolver.kind,
        typeName: resolver.typeName,
        fieldName: resolver.fieldName,
        ...(resolver.kind === 'PIPELINE' ? { functions: resolver.functions } : { dataSourceName: resolver.dataSourceName }),
        requestMappingTemplateLocation: template(`resolvers/${resolver.typeName}.${resolver.fieldName}.req.vtl`, resolver.requestTemplate),
        responseMappingTemplateLocation: template(`resolvers/${resolver.typeName}.${resolver.fieldName}.res.vtl`, resolver.responseTemplate),
      })),
      mappingTemplates: templates,
    });

    // The simulator's own request handling (authorization header, JWT, GraphQL execution),
    // served on the loopback interface only (its start() listens on every interface).
    const operations = new modules.operations.OperationServer({}, simulator);
    const http = createServer(operations.app);
    const url = `http://127.0.0.1:${await listen(http)}/graphql`;
    closers.push(() => close(http));

    return {
      schema: simulator.schema,
      skipped: config.resolvers.filter((resolver) => !resolvers.includes(resolver)).map((resolver) => `${resolver.typeName}.${resolver.fieldName}`),
      async request(accessToken, query, variables = {}) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: accessToken },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as GraphQLResponse;
      },
      async scan(tableName) {
        const items: Record<string, unknown>[] = [];
        let start: unknown;
        do {
          const page = await dynamodb.send(new modules.dynamodb.ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
          items.push(...(page.Items ?? []).map((item: unknown) => modules.marshalling.unmarshall(item)));
          start = page.LastEvaluatedKey;
        } while (start);
        return items;
      },
      async close() {
        for (const closer of closers.reverse()) await closer();
      },
    };
  } catch (error) {
    for (const closer of closers.reverse()) await closer();
    throw error;
  }
}

function authenticationProvider(type: string) {
  return type === 'AMAZON_COGNITO_USER_POOLS' ? { authenticationType: type, cognitoUserPoolConfig: {} } : { authenticationType: type };
}

interface Modules {
  simulator: any;
  operations: any;
  dynalite: (options: object) => unknown;
  dynamodb: any;
  marshalling: any;
}

/** The simulator, dynalite and the DynamoDB client, as the project installed them. */
function loadModules(projectDir: string): Modules {
  const fromProject = createRequire(join(projectDir, 'package.json'));
  let simulatorMain: string;
  let dynalite: Modules['dynalite'];
  try {
    simulatorMain = fromProject.resolve(SIMULATOR);
    dynalite = fromProject(DYNALITE) as Modules['dynalite'];
  } catch {
    const packages = Object.entries(DATA_SIMULATOR_DEPENDENCIES).map(([name, version]) => `${name}@${version}`);
    throw new InspectError(
      `${projectDir}: the AppSync simulator is not installed. The offline data check runs with the project's own ${packages.join(', ')} (devDependencies; --tenant-claim adds them): npm install -D ${packages.join(' ')}`,
    );
  }
  // Resolved beside the simulator: the versions it was built and installed with.
  const fromSimulator = createRequire(simulatorMain);
  return {
    simulator: fromSimulator(simulatorMain),
    operations: fromSimulator('./server/operations'),
    dynalite,
    dynamodb: fromSimulator('@aws-sdk/client-dynamodb'),
    marshalling: fromSimulator('@aws-sdk/util-dynamodb'),
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
