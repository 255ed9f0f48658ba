/** Synthesis time limit, in seconds, unless --timeout says otherwise: Amplify backends synthesize in ~10 s here. */
export const DEFAULT_SYNTH_TIMEOUT_S = 300;
