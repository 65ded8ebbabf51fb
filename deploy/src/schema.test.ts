import { beforeAll, describe, expect, it } from "vitest";
import { render, type Doc } from "./test/rendered";
import { strictnessErrors, validateDoc } from "./test/schemas";

/*
 * Every document the CLI prints is an object of a kind the cluster knows, valid for its schema,
 * with no field the schema lacks. Red when a field has the wrong type or is missing, when a
 * field is misspelt (the strictness check), or when a kind is printed that neither
 * kubernetes-models nor @kubernetes-models/keda knows.
 */

let docs: Doc[];
beforeAll(() => {
  docs = render();
});

describe("the rendered manifests against the Kubernetes and KEDA schemas", () => {
  it("prints documents of every part", () => {
    expect(docs.length).toBeGreaterThan(30);
  });

  it("validates every document against the schema of its apiVersion and kind", async () => {
    const failures: string[] = [];
    for (const doc of docs) {
      try {
        await validateDoc(doc);
      } catch (err) {
        failures.push(`${doc.kind} ${doc.metadata?.name}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("has no field the schemas do not define", () => {
    expect(strictnessErrors(docs)).toEqual([]);
  });
});

describe("the checks themselves can fail", () => {
  const deployment = () => structuredClone(docs.find((d) => d.kind === "Deployment")!);

  it("refuses a kind no model package knows", async () => {
    await expect(validateDoc({ apiVersion: "v1", kind: "Secrett", metadata: {} })).rejects.toThrow(
      /unknown kind/,
    );
    await expect(
      validateDoc({ apiVersion: "example.com/v1", kind: "Widget", metadata: {} }),
    ).rejects.toThrow(/unknown kind/);
  });

  it("refuses a wrong type", async () => {
    const doc = deployment();
    doc.spec.template.spec.containers[0].ports[0].containerPort = "http";
    await expect(validateDoc(doc)).rejects.toThrow();
  });

  it("names a misspelt field at any depth, which the schemas' validate() lets through", async () => {
    const doc = deployment();
    const container = doc.spec.template.spec.containers[0];
    container.readinesProbe = container.readinessProbe;
    delete container.readinessProbe;
    await expect(validateDoc(doc)).resolves.toBeUndefined();
    const errors = strictnessErrors([doc]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/readinesProbe/);
  });

  it("names a misspelt field of a KEDA object", () => {
    const scaled = structuredClone(docs.find((d) => d.kind === "ScaledObject")!);
    scaled.spec.minReplicas = scaled.spec.minReplicaCount;
    expect(strictnessErrors([scaled]).join()).toMatch(/minReplicas/);
  });
});
