"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatMoney, type Category, type Product } from "@shop/contracts";
import { useId, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Dialog } from "./dialog";
import { Field, FormError } from "../ui/field";
import { ImagePreview } from "./image-preview";
import {
  checkCreate,
  checkUpdate,
  emptyValues,
  FIELD_OF,
  PRODUCT_FIELDS,
  priceError,
  slugFromName,
  valuesOf,
  type ProductField,
} from "./product-form-model";
import { shopErrorOf } from "../ui/shop-error";
import { Button } from "../ui/button";
import { useFieldErrors } from "../ui/use-field-errors";

interface ProductFormProps {
  /** The product to edit; without one the form creates a product. */
  product?: Product;
  categories: Category[] | undefined;
  categoriesFailed: boolean;
  onClose: () => void;
}

export function ProductForm({ product, categories, categoriesFailed, onClose }: ProductFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const uid = useId();
  const idOf = (field: ProductField) => `${uid}-${field}`;
  const [values, setValues] = useState(() => (product ? valuesOf(product) : emptyValues));
  const errors = useFieldErrors(FIELD_OF);

  const saved = (p: Product, verb: string) => {
    void queryClient.invalidateQueries(trpc.admin.products.pathFilter());
    toast.success(`“${p.name}” ${verb}`, {
      description: `${formatMoney(p.priceCents)} · ${p.category.name}`,
    });
    onClose();
  };
  const refused = (error: unknown) => {
    const e = shopErrorOf(error);
    focusFirst(flushSync(() => errors.show(e.fieldErrors, e.message)));
    toast.error(product ? "Could not save the product" : "Could not create the product", {
      description: e.message,
    });
  };
  const create = useMutation(
    trpc.admin.products.create.mutationOptions({
      onSuccess: (p) => saved(p, "created"),
      onError: refused,
    }),
  );
  const update = useMutation(
    trpc.admin.products.update.mutationOptions({
      onSuccess: (p) => saved(p, "saved"),
      onError: refused,
    }),
  );
  const pending = create.isPending || update.isPending;

  function focusFirst(fields: ProductField[]) {
    const first = PRODUCT_FIELDS.find((f) => fields.includes(f));
    if (first) document.getElementById(idOf(first))?.focus();
  }

  function change(field: ProductField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (field === "price" && (errors.errors.price || /^\s*[-\u2212]/.test(value))) {
      errors.set("price", priceError(value));
    } else if (errors.errors[field]) {
      errors.set(field, undefined);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (product) {
      const checked = checkUpdate(product, values);
      if (!checked.ok) return focusFirst(flushSync(() => errors.show(checked.fieldErrors)));
      errors.reset();
      // Only id and expectedVersion: no field changed.
      if (Object.keys(checked.input).length === 2) {
        toast.info("Nothing to save", { description: "No field was changed." });
        return onClose();
      }
      update.mutate(checked.input);
    } else {
      const checked = checkCreate(values);
      if (!checked.ok) return focusFirst(flushSync(() => errors.show(checked.fieldErrors)));
      errors.reset();
      create.mutate(checked.input);
    }
  }

  const derivedSlug = slugFromName(values.name);
  const input = (field: ProductField) => ({
    name: field,
    value: values[field],
    onChange: (e: { target: { value: string } }) => change(field, e.target.value),
  });

  return (
    <Dialog
      title={product ? "Edit product" : "New product"}
      description={
        product
          ? `Changes to “${product.name}” show in the shop as soon as they are saved.`
          : "Add a product to the catalog. It goes live as soon as it is saved."
      }
      onClose={onClose}
    >
      <form
        noValidate
        onSubmit={onSubmit}
        className="flex min-h-0 flex-1 flex-col"
        aria-busy={pending}
      >
        <div data-dialog-body className="flex-1 space-y-5 overflow-y-auto px-6 py-5">
          <FormError message={errors.formError} />
          <Field id={idOf("name")} name="name" label="Name" error={errors.errors.name}>
            {(c) => (
              <input
                {...c}
                {...input("name")}
                type="text"
                autoComplete="off"
                maxLength={120}
                required
              />
            )}
          </Field>
          <Field
            id={idOf("slug")}
            name="slug"
            label="Slug"
            optional
            error={errors.errors.slug}
            hint={
              product ? (
                "The product's web address: /products/slug. Changing it breaks old links."
              ) : (
                <>
                  Leave empty to derive from the name
                  {derivedSlug && !values.slug.trim() && (
                    <>
                      {" "}
                      — <span className="font-mono text-stone-700">{derivedSlug}</span>
                    </>
                  )}
                </>
              )
            }
          >
            {(c) => (
              <input
                {...c}
                {...input("slug")}
                type="text"
                autoComplete="off"
                spellCheck={false}
                maxLength={120}
                placeholder={product ? undefined : derivedSlug || "walnut-desk-organizer"}
                className={`${c.className} font-mono`}
              />
            )}
          </Field>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field
              id={idOf("category")}
              name="category"
              label="Category"
              error={errors.errors.category}
              hint={
                categoriesFailed
                  ? "Categories could not be loaded. Close the form and try again."
                  : undefined
              }
            >
              {(c) => (
                <select {...c} {...input("category")} required disabled={!categories}>
                  <option value="" disabled>
                    {categories
                      ? "Choose a category…"
                      : categoriesFailed
                        ? "Unavailable"
                        : "Loading…"}
                  </option>
                  {categories?.map((cat) => (
                    <option key={cat.slug} value={cat.slug}>
                      {cat.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={idOf("price")}
              name="price"
              label="Price (USD)"
              error={errors.errors.price}
              hint="In dollars, like 12.99"
            >
              {(c) => (
                <div className="relative">
                  <span
                    aria-hidden
                    className="pointer-events-none absolute inset-y-0 left-3 grid place-items-center text-sm text-stone-400"
                  >
                    $
                  </span>
                  <input
                    {...c}
                    {...input("price")}
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    placeholder="0.00"
                    required
                    onBlur={() =>
                      values.price.trim() && errors.set("price", priceError(values.price))
                    }
                    className={`${c.className} pl-7 tabular-nums`}
                  />
                </div>
              )}
            </Field>
          </div>
          {product ? (
            <p className="rounded-lg bg-stone-50 px-3 py-2.5 text-sm text-stone-600 ring-1 ring-stone-200">
              <span className="font-medium text-stone-800">{product.stock} in stock.</span> Use
              “Adjust stock” in the table to change it.
            </p>
          ) : (
            <Field
              id={idOf("stock")}
              name="stock"
              label="Stock"
              error={errors.errors.stock}
              hint="Units on hand now"
              className="sm:w-1/2 sm:pr-2.5"
            >
              {(c) => (
                <input
                  {...c}
                  {...input("stock")}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  className={`${c.className} tabular-nums`}
                />
              )}
            </Field>
          )}
          <Field
            id={idOf("description")}
            name="description"
            label="Description"
            optional
            error={errors.errors.description}
            hint={`${values.description.length} / 2000`}
          >
            {(c) => (
              <textarea
                {...c}
                {...input("description")}
                rows={5}
                maxLength={2000}
                className={`${c.className} resize-y`}
              />
            )}
          </Field>
          <Field
            id={idOf("image")}
            name="image"
            label="Image path"
            optional
            error={errors.errors.image}
            hint="A path on this site, like /images/products/mug.svg"
          >
            {(c) => (
              <div className="flex items-center gap-3">
                <input
                  {...c}
                  {...input("image")}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="/images/products/…"
                  className={`${c.className} font-mono`}
                />
                <ImagePreview src={values.image.trim()} />
              </div>
            )}
          </Field>
        </div>
        <div className="flex items-center justify-end gap-3 border-t border-stone-200 bg-stone-50/80 px-6 py-4">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={pending}>
            Save product
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
