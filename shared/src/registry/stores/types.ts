/**
 * Where promote keeps the bytes of a registered model and its records. The registry (git tags) says which
 * version is where; a store holds the artifact under that version and hands it back verified.
 */

/** The model to store: a file or a folder, with the `sha256:` digest the gate passed (see hashing/digest). */
export interface ModelArtifact {
  /** The registry's artifact name (GTO's grammar), e.g. `churn` or `models/churn`. */
  name: string;
  /** `X.Y.Z` or `vX.Y.Z`; stores use the `vX.Y.Z` form of the registry's version tag `name@vX.Y.Z`. */
  version: string;
  /** A file or a folder. */
  path: string;
  /** `sha256:<hex>` of `path` as digestPath computes it; put() refuses a model whose digest differs. */
  digest: string;
}

/** A record kept next to the model: metrics.json, profile.json, run.json. `name` is a plain file name. */
export interface ExtraFile {
  name: string;
  path: string;
}

export interface PutResult {
  /** Where the artifact is: a path for the local store, the release's URL for GitHub Releases. */
  location: string;
}

export interface ArtifactStore {
  /** How messages name the store: `local:<dir>`, `github-release <owner>/<repo>`. */
  readonly label: string;
  /**
   * Stores what can be stored before the version is registered: bytes addressed by their digest, which name no
   * version, so a promotion that loses the race for the version leaves nothing wrong behind. Returns where the
   * model will be. Stores without it (GitHub releases, one per version) write nothing until the version is won.
   */
  prepare?(model: ModelArtifact, extras: ExtraFile[]): Promise<PutResult>;
  /** Stores the model and its extras under name@version; putting the same content again changes nothing. */
  put(model: ModelArtifact, extras: ExtraFile[]): Promise<PutResult>;
  /**
   * Fetches the model of name@version into the folder `destination` (created if missing), verifies that its
   * digest is `digest`, and returns the path of the model there (a file or a folder, under its stored name).
   */
  get(name: string, version: string, digest: string, destination: string): Promise<string>;
  /**
   * Fetches a file stored with name@version (`profile.json`, `run.json`, …) into `destination/<fileName>`,
   * verifies that its sha256 is `digest` (the digest the registry payload names, e.g. `profileDigest`), and
   * returns its path. This is how a later step reads, say, the profile of the model in production.
   */
  getFile(name: string, version: string, fileName: string, digest: string, destination: string): Promise<string>;
}
