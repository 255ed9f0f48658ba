// The AppSync API that Amplify Data synthesized, read from the CloudFormation in cdk.out as plain
// data: the schema, the authorization modes, the DynamoDB tables, the data sources, and every
// resolver with its pipeline functions and their VTL (inline, or an asset file named by
// S3 location). CloudFormation references (API id, table ARNs, roles, the account) are resolved
// to fixed offline values, as AppSync would have them after a deployment. Reading the files is
// src/inspect's job; `readAsset` hands over an asset's text.
import { type CfnResource, type CloudAssembly, nestedOutput, passedParameter, resourcesOfType } from '../stack.js';

export interface TableConfig {
  name: string;
  keySchema: { attributeName: string; keyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { attributeName: string; attributeType: string }[];
  globalSecondaryIndexes: { indexName: string; keySchema: { attributeName: string; keyType: string }[]; projectionType: string }[];
}

export interface DataSourceConfig {
  name: string;
  type: string;
  /** The table of an AMAZON_DYNAMODB data source. */
  tableName?: string;
}

export interface FunctionConfig {
  name: string;
  dataSourceName: string;
  requestTemplate: string;
  responseTemplate: string;
  /** JavaScript functions (APPSYNC_JS) cannot run in the VTL simulator. */
  runtime?: string;
}

export interface ResolverConfig {
  typeName: string;
  fieldName: string;
  kind: 'PIPELINE' | 'UNIT';
  /** Pipeline function names, in order. */
  functions: string[];
  /** A unit resolver's data source. */
  dataSourceName?: string;
  requestTemplate: string;
  responseTemplate: string;
  /** JavaScript resolvers (APPSYNC_JS) cannot run in the VTL simulator. */
  runtime?: string;
}

/** A resolver the VTL simulator runs: VTL itself and every function of its pipeline. */
export function runsAsVtl(resolver: ResolverConfig, functions: FunctionConfig[]): boolean {
  const vtl = (runtime: string | undefined) => runtime === undefined || runtime === 'VTL';
  return vtl(resolver.runtime) && resolver.functions.every((name) => vtl(functions.find((fn) => fn.name === name)?.runtime));
}

export interface AppSyncConfig {
  schema: string;
  defaultAuthenticationType: string;
  additionalAuthenticationTypes: string[];
  tables: TableConfig[];
  dataSources: DataSourceConfig[];
  functions: FunctionConfig[];
  resolvers: ResolverConfig[];
}

/** The values an offline deployment resolves references to. */
export const OFFLINE_ENVIRONMENT = { apiId: 'offlineapi', accountId: '123456789012', region: 'us-east-1', partition: 'aws' } as const;

/**
 * The API in a synthesized Amplify backend (every *.template.json of cdk.out, by file name).
 * Throws when there is no GraphQL API, or more than one (each `defineData` is one API; this
 * reads a backend with one).
 */
export function readAppSyncConfig(assembly: CloudAssembly, readAsset: (fileName: string) => string): AppSyncConfig {
  const resolver = new ReferenceResolver(assembly);
  const apis = resourcesOfType(assembly, 'AWS::AppSync::GraphQLApi');
  if (apis.length !== 1) throw new Error(`expected one AWS::AppSync::GraphQLApi in cdk.out, found ${apis.length}: does the backend define data?`);
  const [api] = apis;
  const schemas = resourcesOfType(assembly, 'AWS::AppSync::GraphQLSchema');
  const schemaResource = schemas[0];
  if (!schemaResource) throw new Error('no AWS::AppSync::GraphQLSchema in cdk.out');
  const template = (file: string, properties: Record<string, any>, inline: string, location: string): string => {
    if (properties[inline] !== undefined) return String(resolver.resolve(file, properties[inline]));
    if (properties[location] !== undefined) return readAsset(assetFileName(String(resolver.resolve(file, properties[location]))));
    return '';
  };
  const schemaProperties = schemaResource.resource.Properties ?? {};
  const schema =
    schemaProperties.Definition !== undefined
      ? String(resolver.resolve(schemaResource.file, schemaProperties.Definition))
      : readAsset(assetFileName(String(resolver.resolve(schemaResource.file, schemaProperties.DefinitionS3Location))));
  const apiProperties = api!.resource.Properties ?? {};

  return {
    schema,
    defaultAuthenticationType: String(apiProperties.AuthenticationType),
    additionalAuthenticationTypes: ((apiProperties.AdditionalAuthenticationProviders ?? []) as { AuthenticationType: string }[]).map(
      (provider) => provider.AuthenticationType,
    ),
    tables: [...resourcesOfType(assembly, 'Custom::AmplifyDynamoDBTable'), ...resourcesOfType(assembly, 'AWS::DynamoDB::Table')].map(({ file, resource }) => tableOf(resolver, file, resource)),
    dataSources: resourcesOfType(assembly, 'AWS::AppSync::DataSource').map(({ file, resource }) => {
      const properties = resource.Properties ?? {};
      const tableName = properties.DynamoDBConfig?.TableName;
      return {
        name: String(resolver.resolve(file, properties.Name)),
        type: String(properties.Type),
        ...(tableName !== undefined ? { tableName: String(resolver.resolve(file, tableName)) } : {}),
      };
    }),
    functions: resourcesOfType(assembly, 'AWS::AppSync::FunctionConfiguration').map(({ file, resource }) => {
      const properties = resource.Properties ?? {};
      const runtime = properties.Runtime?.Name as string | undefined;
      return {
        name: String(resolver.resolve(file, properties.Name)),
        dataSourceName: String(resolver.resolve(file, properties.DataSourceName)),
        requestTemplate: template(file, properties, 'RequestMappingTemplate', 'RequestMappingTemplateS3Location'),
        responseTemplate: template(file, properties, 'ResponseMappingTemplate', 'ResponseMappingTemplateS3Location'),
        ...(runtime ? { runtime } : {}),
      };
    }),
    resolvers: resourcesOfType(assembly, 'AWS::AppSync::Resolver').map(({ file, resource }) => {
      const properties = resource.Properties ?? {};
      const runtime = properties.Runtime?.Name as string | undefined;
      return {
        typeName: String(properties.TypeName),
        fieldName: String(properties.FieldName),
        kind: properties.Kind === 'PIPELINE' ? 'PIPELINE' : 'UNIT',
        functions: ((properties.PipelineConfig?.Functions ?? []) as unknown[]).map((fn) => String(resolver.resolve(file, fn))),
        ...(properties.DataSourceName !== undefined ? { dataSourceName: String(resolver.resolve(file, properties.DataSourceName)) } : {}),
        requestTemplate: template(file, properties, 'RequestMappingTemplate', 'RequestMappingTemplateS3Location'),
        responseTemplate: template(file, properties, 'ResponseMappingTemplate', 'ResponseMappingTemplateS3Location'),
        ...(runtime ? { runtime } : {}),
      };
    }),
  };
}

/** `s3://bucket/<hash>.vtl` → `asset.<hash>.vtl`, the file CDK staged in cdk.out. */
function assetFileName(s3Location: string): string {
  return `asset.${s3Location.slice(s3Location.lastIndexOf('/') + 1)}`;
}


function tableOf(resolver: ReferenceResolver, file: string, resource: CfnResource): TableConfig {
  const properties = resource.Properties ?? {};
  // Amplify's managed table (Custom::AmplifyDynamoDBTable) uses camelCase keys, AWS::DynamoDB::Table PascalCase.
  const pick = (camel: string) => properties[camel] ?? properties[camel[0]!.toUpperCase() + camel.slice(1)];
  const keys = (list: any[] = []) => list.map((key) => ({ attributeName: key.attributeName ?? key.AttributeName, keyType: key.keyType ?? key.KeyType }));
  return {
    name: tableName(resolver, file, resource),
    keySchema: keys(pick('keySchema')),
    attributeDefinitions: ((pick('attributeDefinitions') ?? []) as any[]).map((definition) => ({
      attributeName: definition.attributeName ?? definition.AttributeName,
      attributeType: definition.attributeType ?? definition.AttributeType,
    })),
    globalSecondaryIndexes: ((pick('globalSecondaryIndexes') ?? []) as any[]).map((index) => ({
      indexName: index.indexName ?? index.IndexName,
      keySchema: keys(index.keySchema ?? index.KeySchema),
      projectionType: (index.projection ?? index.Projection)?.projectionType ?? (index.projection ?? index.Projection)?.ProjectionType ?? 'ALL',
    })),
  };
}

function tableName(resolver: ReferenceResolver, file: string, resource: CfnResource): string {
  const properties = resource.Properties ?? {};
  return String(resolver.resolve(file, properties.tableName ?? properties.TableName));
}

const MAX_RESOLVE_DEPTH = 64;

/**
 * Resolves the CloudFormation intrinsics Amplify's data stacks use (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Select, Fn::Split, Fn::Sub) to values. It crosses stacks with the two steps doctor's
 * resolveResource takes (stack.ts): passedParameter, the value this stack's parent passes in, and
 * nestedOutput, read from the nested stack the GetAtt names.
 */
class ReferenceResolver {
  private readonly templates: CloudAssembly['templates'];

  constructor(private readonly assembly: CloudAssembly) {
    this.templates = assembly.templates;
  }

  /** How deep intrinsics and references are being followed right now. */
  private depth = 0;

  resolve(file: string, value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    // Amplify's templates nest a few levels; only a reference cycle (a broken template) goes deeper.
    if (this.depth >= MAX_RESOLVE_DEPTH) throw new Error(`references in ${file} do not end (a cycle?): cannot read the AppSync API`);
    this.depth += 1;
    try {
      return this.evaluate(file, value);
    } finally {
      this.depth -= 1;
    }
  }

  private evaluate(file: string, value: object): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(file, item));
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length !== 1) return value;
    const [[fn, args]] = entries as [[string, any]];
    switch (fn) {
      case 'Ref':
        return this.ref(file, String(args));
      case 'Fn::GetAtt':
        return this.getAtt(file, String(args[0]), String(args[1]));
      case 'Fn::Join':
        return (this.resolve(file, args[1]) as unknown[]).map(String).join(String(args[0]));
      case 'Fn::Select':
        return (this.resolve(file, args[1]) as unknown[])[Number(args[0])];
      case 'Fn::Split':
        return String(this.resolve(file, args[1])).split(String(args[0]));
      case 'Fn::Sub':
        return String(typeof args === 'string' ? args : args[0]).replace(/\$\{([^}]+)\}/g, (_match, name: string) => String(this.ref(file, name)));
      default:
        return value;
    }
  }

  private ref(file: string, name: string): unknown {
    switch (name) {
      case 'AWS::AccountId':
        return OFFLINE_ENVIRONMENT.accountId;
      case 'AWS::Region':
        return OFFLINE_ENVIRONMENT.region;
      case 'AWS::Partition':
        return OFFLINE_ENVIRONMENT.partition;
      case 'AWS::NoValue':
        return undefined;
    }
    if (this.templates[file]?.Parameters?.[name] !== undefined) {
      const passed = passedParameter(this.assembly, file, name);
      return passed ? this.resolve(passed.file, passed.value) : `offline-${name}`;
    }
    const resource = this.templates[file]?.Resources?.[name];
    if (resource && /Table$/.test(resource.Type)) return tableName(this, file, resource);
    return `offline-${name}`;
  }

  private getAtt(file: string, id: string, attribute: string): unknown {
    const resource = this.templates[file]?.Resources?.[id];
    if (attribute.startsWith('Outputs.')) {
      const name = attribute.slice('Outputs.'.length);
      const output = resource ? nestedOutput(this.assembly, resource, name) : undefined;
      return output ? this.resolve(output.file, output.value) : `offline-${name}`;
    }
    if (!resource) return `offline-${id}-${attribute}`;
    const properties = resource.Properties ?? {};
    switch (attribute) {
      case 'ApiId':
        return OFFLINE_ENVIRONMENT.apiId;
      case 'Name':
      case 'FunctionId':
        return this.resolve(file, properties.Name);
      case 'TableName':
        return tableName(this, file, resource);
      case 'TableArn':
      case 'Arn':
        if (/Table$/.test(resource.Type)) {
          const { partition, region, accountId } = OFFLINE_ENVIRONMENT;
          return `arn:${partition}:dynamodb:${region}:${accountId}:table/${tableName(this, file, resource)}`;
        }
        return `offline-${id}-${attribute}`;
      default:
        return `offline-${id}-${attribute}`;
    }
  }
}
