"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Product } from "@shop/contracts";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "../ui/button";
import { Dialog } from "./dialog";
import { FormError } from "../ui/field";
import { shopErrorOf } from "../ui/shop-error";

/** The confirm step before archiving: it hides the product from the shop and locks editing. */
export function ArchiveDialog({ product, onClose }: { product: Product; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const archive = useMutation(
    trpc.admin.products.archive.mutationOptions({
      onSuccess: (p) => {
        void queryClient.invalidateQueries(trpc.admin.products.pathFilter());
        toast.success(`“${p.name}” archived`, { description: "It no longer shows in the shop." });
        onClose();
      },
      onError: (err) => {
        const e = shopErrorOf(err);
        setError(e.message);
        toast.error("Could not archive the product", { description: e.message });
      },
    }),
  );

  return (
    <Dialog variant="center" title={`Archive “${product.name}”?`} onClose={onClose}>
      <div data-dialog-body className="space-y-3 px-6 py-5 text-sm text-stone-600">
        <FormError message={error} />
        <p>
          The product disappears from the shop at once. It stays in the admin list (filter by
          “Archived”) and in past orders.
        </p>
        <p>Archived products cannot be edited.</p>
      </div>
      <div className="flex items-center justify-end gap-3 border-t border-stone-200 bg-stone-50/80 px-6 py-4">
        <Button type="button" variant="secondary" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button
          type="button"
          variant="danger"
          busy={archive.isPending}
          onClick={() => archive.mutate({ id: product.id })}
        >
          Archive
        </Button>
      </div>
    </Dialog>
  );
}
