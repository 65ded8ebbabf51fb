import path from "node:path";
import ts from "typescript";
import { DEPLOY_DIR, type Doc } from "./rendered";

/*
 * A document against the schema of its apiVersion and kind, from kubernetes-models (the
 * Kubernetes API's OpenAPI schema) or @kubernetes-models/keda (KEDA's CRDs).
 *
 * Their validate() checks types, enums and required fields, but the Kubernetes schemas do not
 * forbid unknown fields (no additionalProperties: false), so `readinesProbe:` or `mountpath:`
 * would pass it, and a cluster would drop the field silently (kubectl warns at best). The
 * strictness check closes that gap with the same models' TypeScript interfaces: each document
 * is compiled as an object literal of its kind's interface, and TypeScript's excess property
 * check names any field the schema does not have, at any depth.
 */

/** The package and module path of a kind's model: `kubernetes-models/apps/v1/Deployment`. */
export function modelModule(apiVersion: string, kind: string): string {
  if (!/^([a-z0-9.-]+\/)?v\d+(alpha\d+|beta\d+)?$/.test(apiVersion) || !/^[A-Z]\w*$/.test(kind))
    throw new Error(`not an apiVersion/kind: ${apiVersion}/${kind}`);
  const pkg = apiVersion.startsWith("keda.sh/") ? "@kubernetes-models/keda" : "kubernetes-models";
  return `${pkg}/${apiVersion}/${kind}`;
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** The model class of a document's kind; throws for a kind neither package knows. */
export async function modelOf(doc: Doc): Promise<ModelClass> {
  const module = modelModule(String(doc.apiVersion), String(doc.kind));
  let exports: Record<string, unknown>;
  try {
    exports = (await import(module)) as Record<string, unknown>;
  } catch {
    throw new Error(`unknown kind ${doc.apiVersion}/${doc.kind}: no model ${module}`);
  }
  const model = exports[doc.kind];
  if (typeof model !== "function") throw new Error(`${module} has no model ${doc.kind}`);
  return model as ModelClass;
}

/** Throws (the schema's messages) unless the document is valid for its kind. */
export async function validateDoc(doc: Doc): Promise<void> {
  const Model = await modelOf(doc);
  new Model(doc).validate();
}

/**
 * The fields no schema has: TypeScript's diagnostics for the documents compiled as literals of
 * their kinds' interfaces (`I<Kind>` of the model's module). Empty when every field is known.
 */
export function strictnessErrors(docs: readonly Doc[]): string[] {
  const file = path.join(DEPLOY_DIR, "src", "__strictness_check__.ts");
  const source = docs
    .map((doc, i) => {
      const module = modelModule(String(doc.apiVersion), String(doc.kind));
      return [
        `import type { I${doc.kind} as T${i} } from ${JSON.stringify(module)};`,
        `// ${doc.kind} ${doc.metadata?.name}`,
        `export const doc${i}: T${i} = ${JSON.stringify(doc, null, 1)};`,
      ].join("\n");
    })
    .join("\n");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    path.resolve(name) === file
      ? ts.createSourceFile(name, source, version)
      : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return message;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    // The document the line belongs to, by its comment above.
    const lines = source.split("\n").slice(0, line + 1);
    const owner = [...lines].reverse().find((l) => l.startsWith("// ")) ?? "";
    return `${owner.slice(3)}: ${message}`;
  });
}
