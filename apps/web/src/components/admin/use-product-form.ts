import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatMoney, type Product } from "@shop/contracts";
import { useId, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import {
  checkCreate,
  checkUpdate,
  emptyValues,
  FIELD_OF,
  PRODUCT_FIELDS,
  priceError,
  valuesOf,
  type ProductField,
  type ProductFormValues,
} from "./product-form-model";
import { shopErrorOf } from "../ui/shop-error";
import { useFieldErrors, type ErrorsOf } from "../ui/use-field-errors";

/** What a group of the form's fields needs to draw its controls. */
export interface ProductFields {
  values: ProductFormValues;
  errors: ErrorsOf<ProductField>;
  idOf: (field: ProductField) => string;
  /** The control's name, value and change handler. */
  input: (field: ProductField) => {
    name: ProductField;
    value: string;
    onChange: (e: { target: { value: string } }) => void;
  };
}

/**
 * The product form's state: the values typed, their errors (the browser's check first, then the
 * server's), and saving as a create or an update. After a refusal the first field to blame gets
 * the focus.
 */
export function useProductForm(product: Product | undefined, onClose: () => void) {
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
    // A minus sign is wrong at once; other price errors wait for the blur, then follow typing.
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

  const fields: ProductFields = {
    values,
    errors: errors.errors,
    idOf,
    input: (field) => ({
      name: field,
      value: values[field],
      onChange: (e) => change(field, e.target.value),
    }),
  };
  const checkPrice = () => values.price.trim() && errors.set("price", priceError(values.price));

  return { fields, formError: errors.formError, pending, onSubmit, checkPrice };
}
