/** The form every worklist row's selection checkbox belongs to (the checkboxes live in the table cells, the form is the bulk bar). */
export const WORKLIST_FORM_ID = "worklist-work";
