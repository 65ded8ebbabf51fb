import { stringify } from "yaml";
import type { AnyObject, Manifests } from "./base";
import type { Part } from "./settings";

/** The objects of one part, in apply order (the namespace and default-deny policy first). */
export function select(manifests: Manifests, part: Part): AnyObject[] {
  switch (part) {
    case "migrations":
      return [...manifests.shared, ...manifests.migrations];
    case "apps":
      return [...manifests.shared, ...manifests.apps];
    case "all":
      return [...manifests.shared, ...manifests.migrations, ...manifests.apps];
  }
}

/**
 * Multi-document YAML, each object validated against its schema first (a model's validate()
 * throws on a wrong type or a missing required field), so nothing invalid is ever printed.
 */
export function toYaml(objects: readonly AnyObject[]): string {
  return objects
    .map((object) => {
      object.validate();
      // toJSON drops the undefined fields the models carry.
      return stringify(object.toJSON(), { lineWidth: 0, aliasDuplicateObjects: false });
    })
    .map((doc) => `---\n${doc}`)
    .join("");
}
