"use client";

import { useEffect, useRef } from "react";
import { CreateOrganizationForm } from "@/components/imports/create-organization-form";
import "./auth.css";

/**
 * "+ Add practice" in the header: the practice form in a modal dialog. The form makes the new
 * practice the current one and refreshes the page; the current practice id changing closes it.
 */
export function AddPracticeDialog({ currentOrganizationId }: { currentOrganizationId: string | null }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openedFor = useRef<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog?.open && openedFor.current !== currentOrganizationId) dialog.close();
  }, [currentOrganizationId]);

  const open = () => {
    openedFor.current = currentOrganizationId;
    dialogRef.current?.showModal();
  };

  return (
    <>
      <button type="button" className="button button-small" onClick={open}>
        + Add practice
      </button>
      <dialog ref={dialogRef} className="add-practice-dialog" aria-label="Add a practice">
        <CreateOrganizationForm />
        <div className="dialog-close">
          <button type="button" className="button button-small" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
