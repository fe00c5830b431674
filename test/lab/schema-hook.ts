// Validates JSON reports against schema/report.schema.json in its STRICT variant, for tests.
//
// The published schema is forward compatible: it never sets `additionalProperties: false`, so
// consumers of a newer 1.x report still validate it (fields are only ever added within
// schemaVersion 1). Our own tests must catch a field the tool emits but the schema forgot, so
// they validate with a strict variant derived here: `additionalProperties: false` on every
// object schema. The schema is read and compiled once, on first use.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

/** A JSON Schema document or subschema, as parsed JSON. */
export type JsonSchema = { [key: string]: unknown }

/** Where the published schema lives. */
export const SCHEMA_PATH: string = resolve(repoRoot(dirname(fileURLToPath(import.meta.url))), 'schema', 'report.schema.json')

/** The nearest folder above `from` whose package.json is ours: right also when the bench bundles this module elsewhere. */
function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = resolve(dir, 'package.json')
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'hairpin-check') return dir
    if (dirname(dir) === dir) throw new Error(`no hairpin-check package.json above ${from}`)
  }
}

/** The published schema, freshly parsed (callers may mutate it). */
export function loadSchema(): JsonSchema {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JsonSchema
}

/**
 * The strict variant of a schema: a deep copy with `additionalProperties: false` on every object
 * schema (every node with `type: "object"`), and its `$id` renamed so both can live in one Ajv.
 */
export function strictVariant(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (node === null || typeof node !== 'object') return node
    const out: JsonSchema = {}
    for (const [k, v] of Object.entries(node)) out[k] = walk(v)
    if (out.type === 'object') out.additionalProperties = false
    return out
  }
  const strict = walk(schema) as JsonSchema
  if (typeof strict.$id === 'string') strict.$id = strict.$id.replace(/\.schema\.json$/, '.strict.schema.json')
  return strict
}

// ajv-formats is CommonJS (`module.exports = plugin`, `exports.default = plugin`): under NodeNext the
// default import is `module.exports`, typed as the module object, so take its `default`.
const addFormats = addFormatsModule.default

/** An Ajv for draft 2020-12 in strict mode (union types allowed: `["string", "null"]`), with formats. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true })
  addFormats(ajv)
  return ajv
}

/** Ajv's errors as one line each (`/tcp/outcome must be equal to one of the allowed values: …`), without anyOf noise. */
export function errorLines(errors: readonly ErrorObject[] | null | undefined): string[] {
  const all = errors ?? []
  // A nullable object is `anyOf: [{$ref}, {type: null}]`: when the object branch explains the
  // failure, "must be null" and "must match a schema in anyOf" at the same place add nothing.
  const isNull = (e: ErrorObject): boolean => e.keyword === 'type' && e.params.type === 'null'
  const explained = (e: ErrorObject): boolean =>
    all.some((o) => o !== e && o.keyword !== 'anyOf' && !isNull(o) && (o.instancePath === e.instancePath || o.instancePath.startsWith(`${e.instancePath}/`)))
  const lines = all
    .filter((e) => !((e.keyword === 'anyOf' || isNull(e)) && explained(e)))
    .map((e) => {
      const where = e.instancePath === '' ? '/' : e.instancePath
      let detail = ''
      if (e.keyword === 'additionalProperties') detail = `: ${JSON.stringify(e.params.additionalProperty)}`
      else if (e.keyword === 'enum') detail = `: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
      else if (e.keyword === 'const') detail = `: ${JSON.stringify(e.params.allowedValue)}`
      const types = e.params.type as string | string[] | undefined
      if (e.keyword === 'type' && types !== undefined) {
        // `anyOf: [{$ref: object}, {type: null}]` failed on its type: say both.
        const orNull = !isNull(e) && all.some((o) => isNull(o) && o.instancePath === e.instancePath)
        return `${where} must be ${[...String(types).split(','), ...(orNull ? ['null'] : [])].join(' or ')}`
      }
      return `${where} ${e.message ?? e.keyword}${detail}`
    })
  return [...new Set(lines)]
}

let strictValidate: ValidateFunction | undefined

/**
 * Validates one report against the STRICT variant of the schema. Returns [] when valid, else
 * one line per problem. A string is taken as the JSON document itself (e.g. `--json` stdout).
 */
export function validateReport(json: unknown): string[] {
  let doc = json
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json)
    } catch (err) {
      return [`/ is not JSON: ${(err as Error).message}`]
    }
  }
  strictValidate ??= createAjv().compile(strictVariant(loadSchema()))
  return strictValidate(doc) ? [] : errorLines(strictValidate.errors)
}
