/** The file-command parsers live with the local runner, which the harness runs bundles through. */
export { parseKeyValueFile, parsePathFile } from '../../shared/src/local/file-commands';
