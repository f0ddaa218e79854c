// Types for the TypeScript tests that import the reference adapter.
type Factory = (config: { baseUrl: string; credentials: Record<string, string> }) => {
  updateDestination(input: Record<string, unknown>): Promise<unknown>;
};
declare const adapter: Record<'streamkap' | 'stitch' | 'prequel' | 'ampersand' | 'redox', Factory>;
export default adapter;
