// A run refused because of what is on disk: a record or package.json this tool cannot read, a plan
// that would break an invariant, an unfinished merge. Like OptionsError, the message names the
// file (and the key or the fix), and a front end shows it as it is and writes nothing.
export class Refusal extends Error {
  override name = 'Refusal';
}
