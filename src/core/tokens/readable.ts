/** Whether the app client's ReadAttributes let the attribute into the ID token (no list: all). */
export function clientMayRead(readAttributes: string[] | undefined, attribute: string): boolean {
  return readAttributes === undefined || readAttributes.includes(attribute);
}
