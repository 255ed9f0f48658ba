/** Synthesis time limit, in seconds, unless --timeout says otherwise: Amplify backends synthesize in ~10 s here. */
export const DEFAULT_SYNTH_TIMEOUT_S = 300;

/** Larger than any template, manifest or asset text CDK writes to cdk.out; a bigger file is not read. */
export const MAX_CDK_OUT_FILE_BYTES = 64 * 1024 * 1024;
