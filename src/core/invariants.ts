// What must hold in every project this tool leaves behind, checked on the files a run would leave
// (the user's own text where a file is kept or merged) before anything is written:
// 1. no token claim comes from a custom attribute that an app client may write (a user could set
//    their own tenant or role), and
// 2. the pre token generation version attached in backend.ts matches the handler's response shape
//    (a V1-shaped response under V2_0 customizes nothing, and the reverse).
// The facts come from small, conservative readers of the files. When a reader cannot establish a
// fact (code it does not recognize), the rule cannot be checked: that is reported as unknown, not
// as a violation, and the caller warns and points to `doctor`, which synthesizes and runs the code.
import { isPreTokenVersion, PRE_TOKEN_VERSION_INFO, PRE_TOKEN_VERSIONS, type PreTokenVersion, RESPONSE_KEYS, type ResponseKey, versionsAnsweringWith } from './cognito.js';
import { scanSource, literalAt, type ScannedSource } from './source-scan.js';
import { TRIGGERS } from './triggers.js';

export const BACKEND_FILE = 'amplify/backend.ts';
export const AUTH_RESOURCE_FILE = 'amplify/auth/resource.ts';
export const PRE_TOKEN_HANDLER_FILE = `amplify/auth/${TRIGGERS.preTokenGeneration.folder}/handler.ts`;

export interface InvariantFinding {
  /** The files the finding is about. */
  files: string[];
  message: string;
}

export interface InvariantReport {
  violations: InvariantFinding[];
  unknown: InvariantFinding[];
}

/** The resulting project: a file's content, or undefined when it will not exist. */
export type ProjectFiles = (path: string) => string | undefined;

type Fact<T> = { known: true; value: T } | { known: false; why: string };

export function checkInvariants(files: ProjectFiles): InvariantReport {
  const report: InvariantReport = { violations: [], unknown: [] };
  const handler = files(PRE_TOKEN_HANDLER_FILE);
  const backend = files(BACKEND_FILE);
  if (handler === undefined || backend === undefined) return report;
  const handlerCode = scanSource(handler);
  const backendCode = scanSource(backend);
  const authCode = scanSource(files(AUTH_RESOURCE_FILE) ?? '');
  // A handler left behind by a removed trigger is not attached to anything.
  if (!mentionsPreTokenFunction(backendCode) && !mentionsPreTokenFunction(authCode)) return report;

  const sources = claimSourceAttributes(handlerCode);
  const writable = clientWritableAttributes(backendCode);
  if (!sources.known) report.unknown.push({ files: [PRE_TOKEN_HANDLER_FILE], message: `which custom attributes ${PRE_TOKEN_HANDLER_FILE} copies into claims: ${sources.why}` });
  else if (!writable.known) report.unknown.push({ files: [BACKEND_FILE], message: `which custom attributes the app clients may write: ${writable.why}` });
  else {
    const exposed = sources.value.filter((name) => writable.value === 'all' || writable.value.has(`custom:${name}`));
    if (exposed.length > 0) {
      const attributes = exposed.map((name) => `custom:${name}`).join(', ');
      const how = writable.value === 'all' ? `${BACKEND_FILE} sets no writeAttributes for the app client, so it may write every attribute` : `${BACKEND_FILE} lets an app client write ${exposed.length > 1 ? 'them' : 'it'}`;
      report.violations.push({
        files: [PRE_TOKEN_HANDLER_FILE, BACKEND_FILE],
        message: `${PRE_TOKEN_HANDLER_FILE} reads ${attributes} for the tokens, and ${how}: a user could set their own claim (say, move into another tenant). Leave ${attributes} out of the client's writeAttributes, or stop reading it in the handler.`,
      });
    }
  }

  const attached = attachedVersion(backendCode);
  const shape = responseShape(handlerCode);
  if (!attached.known) report.unknown.push({ files: [BACKEND_FILE], message: `which pre token generation version ${BACKEND_FILE} attaches: ${attached.why}` });
  else if (!shape.known) report.unknown.push({ files: [PRE_TOKEN_HANDLER_FILE], message: `which response shape ${PRE_TOKEN_HANDLER_FILE} answers in: ${shape.why}` });
  else if (shape.value !== PRE_TOKEN_VERSION_INFO[attached.value].responseKey) {
    report.violations.push({
      files: [BACKEND_FILE, PRE_TOKEN_HANDLER_FILE],
      message: `${BACKEND_FILE} attaches pre token generation ${attached.value}, but ${PRE_TOKEN_HANDLER_FILE} answers with ${shape.value} (${versionsAnsweringWith(shape.value).join('/')}): Cognito would not customize the tokens. The handler must answer with ${PRE_TOKEN_VERSION_INFO[attached.value].responseKey}.`,
    });
  }
  return report;
}

function mentionsPreTokenFunction(scanned: ScannedSource): boolean {
  return /\bpreTokenGeneration\b/.test(scanned.code);
}

/** Copying every attribute at once (spread, Object.entries/keys/values/assign, for…in) hides which ones. */
const WHOLESALE_ATTRIBUTE_USE = /(?:\.\.\.|Object\s*\.\s*(?:entries|keys|values|assign)\s*\(|\bin\s+)\s*[\w$.?]*[aA]ttributes\b/;

/** The custom attributes the handler names: every 'custom:…' string literal. */
export function claimSourceAttributes(scanned: ScannedSource): Fact<string[]> {
  if (WHOLESALE_ATTRIBUTE_USE.test(scanned.code)) return { known: false, why: 'it uses the user attributes as a whole (spread, Object.entries, for…in)' };
  const names = new Set<string>();
  for (const [index, value] of scanned.strings.entries()) {
    if (value === undefined) {
      if (scanned.raw[index]!.includes('custom:')) return { known: false, why: 'it builds attribute names in template literals' };
      continue;
    }
    // An attribute name has no white space: 'custom:tenant_id is missing' names custom:tenant_id.
    const name = /^custom:(\S*)/.exec(value)?.[1];
    if (name === '') return { known: false, why: "it builds attribute names at run time ('custom:' + …)" };
    if (name !== undefined) names.add(name);
  }
  return { known: true, value: [...names].sort() };
}

const CLIENT_CONSTRUCTION = /\.addClient\s*\(|\bnew\s+(?:[\w$]+\s*\.\s*)*(?:Cfn)?UserPoolClient\s*\(/g;

/**
 * The union of the app clients' writeAttributes lists, or 'all' when the client defineAuth
 * creates has none (what a client without the list may write is documented inconsistently: every
 * attribute is assumed).
 */
export function clientWritableAttributes(scanned: ScannedSource): Fact<Set<string> | 'all'> {
  const lists: string[][] = [];
  const mentions = [...scanned.code.matchAll(/\bwriteAttributes\b/g)];
  for (const mention of mentions) {
    const rest = scanned.code.slice(mention.index + mention[0].length);
    const literal = /^\s*[=:]\s*\[([^\]]*)\]/.exec(rest);
    const items = literal?.[1]!.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const values = items?.map((item) => literalAt(scanned, item));
    if (!values || values.some((value) => value === undefined)) return { known: false, why: 'a writeAttributes value that is not a list of string literals' };
    lists.push(values as string[]);
  }
  if (lists.length === 0) return { known: true, value: 'all' };
  const clients = 1 + [...scanned.code.matchAll(CLIENT_CONSTRUCTION)].length;
  if (lists.length < clients) return { known: false, why: `${clients} app clients and ${lists.length} writeAttributes list${lists.length > 1 ? 's' : ''}` };
  return { known: true, value: new Set(lists.flat()) };
}

/** V1_0 unless backend.ts names another version (LambdaVersion.V2_0, or LambdaVersion: 'V2_0' in an override). */
export function attachedVersion(scanned: ScannedSource): Fact<PreTokenVersion> {
  const versions = new Set<PreTokenVersion>();
  const named: (string | undefined)[] = [];
  for (const match of scanned.code.matchAll(/\bLambdaVersion\s*\.\s*([\w$]+)/g)) named.push(match[1]);
  for (const match of scanned.code.matchAll(/(?:\b[Ll]ambdaVersion|(§\d+§))\s*:\s*(§\d+§)/g)) {
    const key = match[1] === undefined ? 'LambdaVersion' : literalAt(scanned, match[1]);
    if (key === 'LambdaVersion' || key === 'lambdaVersion') named.push(literalAt(scanned, match[2]!));
  }
  for (const name of named) {
    if (!isPreTokenVersion(name)) return { known: false, why: `a LambdaVersion that is not a literal ${PRE_TOKEN_VERSIONS.join(', ')}` };
    versions.add(name);
  }
  const unread = scanned.code
    .replace(/\bimport\s+(?:type\s+)?\{[^}]*\}\s*from\s*§\d+§/g, '')
    .replace(/\bLambdaVersion\s*\.\s*[\w$]+/g, '')
    .replace(/(?:\b[Ll]ambdaVersion|§\d+§)\s*:\s*§\d+§/g, '');
  if (/\b[Ll]ambdaVersion\b/.test(unread)) return { known: false, why: 'a LambdaVersion written in a way this check does not read' };
  if (versions.size > 1) return { known: false, why: `it names more than one version (${[...versions].sort().join(', ')})` };
  return { known: true, value: [...versions][0] ?? 'V1_0' };
}

/** The response key the handler answers with (claimsOverrideDetails, claimsAndScopeOverrideDetails). */
export function responseShape(scanned: ScannedSource): Fact<ResponseKey> {
  const text = `${scanned.code} ${scanned.strings.join(' ')}`;
  const used = RESPONSE_KEYS.filter((key) => new RegExp(`\\b${key}\\b`).test(text));
  if (used.length !== 1) return { known: false, why: used.length > 1 ? `it uses both ${used.join(' and ')}` : `it uses none of ${RESPONSE_KEYS.join(', ')}` };
  return { known: true, value: used[0]! };
}
