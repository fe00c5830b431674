// The tool's name and version, read from package.json: the one place the version is kept.

import pkg from '../../package.json' with { type: 'json' }

/** Name and version, as the report's `tool` field carries them. */
export const TOOL: { name: string; version: string } = { name: pkg.name, version: pkg.version }
