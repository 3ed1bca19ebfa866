"use client";

import { useCallback, useId, useReducer, useRef, useState, type DragEvent } from "react";
import type { TImportJobView } from "@/lib/import/import-jobs";
import type { TImportColumnSpecs } from "@/lib/import/import-column-specs";
import { ImportFileCard } from "./import-file-card";
import { IMPORT_KIND_OPTIONS } from "./import-labels";
import { computeImportProgress, nextPercent, type TProgressInput } from "./import-progress";
import { uploadFile } from "./upload-file";

export type TUploadItem = {
  key: string;
  fileName: string;
  size: number;
  stage: "waiting" | "uploading" | "upload_failed" | "processing";
  loaded: number;
  job: TImportJobView | null;
  error: string | null;
  /** Never moves backwards within one run. */
  percent: number;
};

type TAction =
  | { type: "add"; items: TUploadItem[] }
  | { type: "uploading"; key: string; loaded: number }
  | { type: "upload_failed"; key: string; message: string }
  | { type: "job"; key: string; job: TImportJobView; restart?: boolean }
  | { type: "job_lost"; key: string; message: string }
  | { type: "dismiss_finished" };

/** Maps an item to the progress helper's input. */
export function progressInputOf(item: TUploadItem): TProgressInput {
  switch (item.stage) {
    case "waiting":
      return { stage: "waiting" };
    case "uploading":
      return { stage: "uploading", loaded: item.loaded, total: item.size };
    case "upload_failed":
      return { stage: "upload_failed" };
    case "processing": {
      const job = item.job;
      if (!job || job.state === "queued") return { stage: "queued" };
      if (job.state === "running" || !job.outcome) return { stage: "running", progress: job.progress };

      return { stage: "finished", status: job.outcome.status };
    }
  }
}

function update(items: TUploadItem[], key: string, change: (item: TUploadItem) => TUploadItem): TUploadItem[] {
  return items.map((item) => (item.key === key ? change(item) : item));
}

function withPercent(item: TUploadItem, restart = false): TUploadItem {
  const { percent } = computeImportProgress(progressInputOf(item));

  return { ...item, percent: restart ? percent : nextPercent(item.percent, percent) };
}

function reducer(items: TUploadItem[], action: TAction): TUploadItem[] {
  switch (action.type) {
    case "add":
      return [...action.items, ...items];
    case "uploading":
      return update(items, action.key, (item) => withPercent({ ...item, stage: "uploading", loaded: action.loaded }));
    case "upload_failed":
      return update(items, action.key, (item) => ({ ...item, stage: "upload_failed", error: action.message, percent: 0 }));
    case "job":
      return update(items, action.key, (item) => withPercent({ ...item, stage: "processing", job: action.job, error: null }, action.restart));
    case "job_lost":
      return update(items, action.key, (item) => ({ ...item, error: action.message }));
    case "dismiss_finished":
      return items.filter((item) => !(item.stage === "upload_failed" || (item.stage === "processing" && item.job?.state === "finished")));
  }
}

let keySequence = 0;

export function ImportUploader({
  organizationId,
  organizationName,
  columnSpecs,
  maxUploadMb,
}: {
  organizationId: string;
  organizationName: string;
  columnSpecs: TImportColumnSpecs;
  maxUploadMb: number;
}) {
  const [items, dispatch] = useReducer(reducer, []);
  const [sourceName, setSourceName] = useState("");
  const [kind, setKind] = useState("");
  const [isDragging, setIsDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const queueRef = useRef<Promise<void>>(Promise.resolve());
  const ids = { source: useId(), kind: useId(), hint: useId() };

  const addFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      const added = files.map((file) => ({ file, item: { key: `f${++keySequence}`, fileName: file.name, size: file.size, stage: "waiting" as const, loaded: 0, job: null, error: null, percent: 0 } }));
      dispatch({ type: "add", items: added.map((entry) => entry.item).reverse() });
      const source = sourceName.trim();
      const chosenKind = kind;
      // One upload at a time: the imports run one at a time on the server anyway.
      for (const { file, item } of added) {
        queueRef.current = queueRef.current.then(async () => {
          if (file.size === 0) {
            dispatch({ type: "upload_failed", key: item.key, message: "The file is empty — choose a file with data in it." });
            return;
          }
          if (file.size > maxUploadMb * 1024 * 1024) {
            dispatch({
              type: "upload_failed",
              key: item.key,
              message: `The file is larger than ${maxUploadMb.toLocaleString("en-US")} MB, the most this install accepts. Split it into smaller files.`,
            });
            return;
          }
          dispatch({ type: "uploading", key: item.key, loaded: 0 });
          const { promise } = uploadFile({
            file,
            organizationId,
            ...(source ? { sourceName: source } : {}),
            ...(chosenKind ? { kind: chosenKind } : {}),
            onProgress: (loaded) => dispatch({ type: "uploading", key: item.key, loaded }),
          });
          const result = await promise;
          if (result.ok) dispatch({ type: "job", key: item.key, job: result.body as TImportJobView });
          else dispatch({ type: "upload_failed", key: item.key, message: result.message });
        });
      }
    },
    [kind, maxUploadMb, organizationId, sourceName],
  );

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsDragging(false);
    addFiles(Array.from(event.dataTransfer.files));
  };

  const hasFinished = items.some((item) => item.stage === "upload_failed" || (item.stage === "processing" && item.job?.state === "finished"));

  return (
    <section aria-labelledby="upload-heading" className="import-upload">
      <h2 id="upload-heading">Import files into {organizationName}</h2>
      <div className="import-options">
        <div className="field">
          <label htmlFor={ids.source}>Source system (optional)</label>
          <input
            id={ids.source}
            type="text"
            className="input"
            maxLength={100}
            placeholder="e.g. Epic MAR, Kareo"
            value={sourceName}
            onChange={(event) => setSourceName(event.target.value)}
            aria-describedby={`${ids.source}-hint`}
          />
          <span id={`${ids.source}-hint`} className="field-hint">
            Column matches you save are remembered per source system.
          </span>
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>File type</label>
          <select id={ids.kind} className="input" value={kind} onChange={(event) => setKind(event.target.value)}>
            <option value="">Detect from the file (recommended)</option>
            {IMPORT_KIND_OPTIONS.map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div
        className={`drop-zone${isDragging ? " is-dragging" : ""}`}
        onDragEnter={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setIsDragging(false);
        }}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p className="drop-zone-title">Drop files here</p>
        <p className="muted" id={ids.hint}>
          Sessions or MAR exports, claims CSVs, 835 remittances, fee schedules, drug catalogs — several at once, up to{" "}
          {maxUploadMb.toLocaleString("en-US")} MB each.
        </p>
        <button type="button" className="button button-primary" onClick={() => inputRef.current?.click()} aria-describedby={ids.hint}>
          Choose files…
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Files to import"
          onChange={(event) => {
            addFiles(Array.from(event.target.files ?? []));
            event.target.value = "";
          }}
        />
      </div>
      {items.length > 0 ? (
        <div className="import-files">
          <div className="import-files-header">
            <h3>This session’s files</h3>
            {hasFinished ? (
              <button type="button" className="button button-small" onClick={() => dispatch({ type: "dismiss_finished" })}>
                Clear finished
              </button>
            ) : null}
          </div>
          <ul className="import-file-list">
            {items.map((item) => (
              <ImportFileCard
                key={item.key}
                item={item}
                organizationId={organizationId}
                columnSpecs={columnSpecs}
                onJob={(job, restart) => dispatch({ type: "job", key: item.key, job, ...(restart ? { restart } : {}) })}
                onJobLost={(message) => dispatch({ type: "job_lost", key: item.key, message })}
              />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
