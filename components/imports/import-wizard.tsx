"use client";
// Upload → mapping → preview → import, on one page: each step says what it found and what to do next,
// long work shows a progress bar with rows per second, and nothing is written before the admin imports.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { countOf, formatNumber } from "@/components/format";
import { ProgressBar } from "@/components/progress-bar";
import { useTRPC } from "@/lib/trpc-client";
import type { ImportSummary } from "@/server/imports/pipeline";
import type { StagedRunEvent } from "@/server/imports/staged-run";
import { TouchpointForm, type TouchpointChoices } from "@/components/setup/touchpoint-form";
import { ImportSummaryView } from "./import-summary";
import { draftFrom, mappingFrom, type MappingDraft } from "./mapping-draft";
import { contactDraftFrom, contactMappingFrom, type ContactDraft } from "./contact-mapping-draft";
import { ContactMappingForm } from "./contact-mapping-form";

type Drafts = { draft: MappingDraft | null; contactDraft: ContactDraft | null };
import { MappingForm, type MetricOption, type SiteOption, type TouchpointOption } from "./mapping-form";
import { CreateSiteForm } from "./create-site-form";
import { runUpload, uploadFile, type UploadResult } from "./streams";

const formatNames: Record<string, string> = {
  qualtrics: "Qualtrics export",
  qualtrics_legacy: "Qualtrics export (legacy layout)",
  surveymonkey: "SurveyMonkey export",
  typeform: "Typeform export",
  zendesk: "Zendesk ticket export",
  genesys: "Genesys Cloud interactions export",
  salesforce: "Salesforce case report",
  csv: "Plain CSV",
};

type Kind = "responses" | "contacts";
const nouns: Record<Kind, string> = { responses: "response", contacts: "contact" };

type Running = { label: string; fraction: number | null; detail?: string };

function progressOf(event: Extract<StagedRunEvent, { type: "progress" }>, total: number | null, kind: Kind): Running {
  const checking = event.phase === "checking";
  return {
    label: checking ? "Checking every row" : `Writing ${kind} and roll-ups`,
    fraction: event.fraction,
    detail: `${formatNumber(event.rows)}${total ? ` of ${formatNumber(total)}` : ""} ${checking ? "rows checked" : `${kind} written`} · ${formatNumber(event.rowsPerSecond)} rows/s`,
  };
}

export function ImportWizard({
  touchpoints,
  metrics,
  choices,
  sites = [],
  regions = [],
}: {
  touchpoints: TouchpointOption[];
  metrics: MetricOption[];
  /** Active sites a response can be given at, and the regions a new one can sit in. */
  sites?: SiteOption[];
  regions?: Array<{ id: number; label: string }>;
  /** What a new touchpoint can be placed in and owned by, for codes the admin creates from the preview. */
  choices: TouchpointChoices;
}) {
  const router = useRouter();
  const trpc = useTRPC();
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const [upload, setUpload] = useState<UploadResult | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [contactDraft, setContactDraft] = useState<ContactDraft | null>(null);
  // What the file holds: detected from its headers; the admin can say otherwise.
  const [kind, setKind] = useState<Kind>("responses");
  const [running, setRunning] = useState<Running | null>(null);
  // Progress shows where the admin is looking: beside the button they pressed.
  const [runningAt, setRunningAt] = useState<"upload" | "mapping" | "preview">("upload");
  const progressAt = (step: typeof runningAt) => (running && runningAt === step ? <ProgressBar {...running} /> : null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [preview, setPreview] = useState<ImportSummary | null>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [templateName, setTemplateName] = useState("");
  const [creatingCode, setCreatingCode] = useState<string | null>(null);
  const [createdCode, setCreatedCode] = useState<string | null>(null);
  const [creatingSite, setCreatingSite] = useState<string | null>(null);
  const createSection = useRef<HTMLElement>(null);
  // The form opens under the codes table: bring it into view and put the cursor on the name (the code is filled in).
  useEffect(() => {
    if (!creatingCode) return;
    createSection.current?.scrollIntoView({ block: "nearest" });
    createSection.current?.querySelector<HTMLInputElement>('input[id$="-name"]')?.focus();
  }, [creatingCode]);
  const saveTemplate = useMutation(trpc.imports.saveTemplate.mutationOptions());

  const reset = () => {
    setUpload(null);
    setDraft(null);
    setContactDraft(null);
    setPreview(null);
    setResult(null);
    setError(null);
    setProblems([]);
    setValidOnly(false);
    setCreatingCode(null);
    setCreatedCode(null);
    setCreatingSite(null);
    if (fileInput.current) fileInput.current.value = "";
  };

  async function onUpload(event: React.FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return setError("Choose a file first: a CSV or XLSX export of your survey or support tool.");
    reset();
    setRunningAt("upload");
    setRunning({ label: `Uploading ${file.name}`, fraction: 0 });
    try {
      const uploaded = await uploadFile(file, (fraction) => setRunning({ label: `Uploading ${file.name}`, fraction }));
      setUpload(uploaded);
      setDraft(draftFrom(uploaded.inspection.mapping));
      setContactDraft(contactDraftFrom(uploaded.inspection.contactMapping));
      setKind(uploaded.inspection.kind);
      setTemplateName(uploaded.inspection.template ?? file.name.replace(/\.[^.]+$/, ""));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(null);
    }
  }

  /** The confirmed mapping of the kind the admin chose, or the problems with it. */
  const checkedMapping = (drafts: Drafts = { draft, contactDraft }) => {
    if (kind === "contacts") return drafts.contactDraft ? contactMappingFrom(drafts.contactDraft) : { problems: ["Upload a file first."] };
    return drafts.draft ? mappingFrom(drafts.draft) : { problems: ["Upload a file first."] };
  };
  // The unknown-code tables edit the code maps of whichever mapping is in use.
  const codeMaps = kind === "contacts" ? contactDraft : draft;
  const setCodeMaps = (change: Partial<Pick<MappingDraft, "touchpointCodes" | "locationCodes">>): Drafts => {
    const next =
      kind === "contacts" ? { draft, contactDraft: contactDraft && { ...contactDraft, ...change } } : { draft: draft && { ...draft, ...change }, contactDraft };
    setDraft(next.draft);
    setContactDraft(next.contactDraft);
    return next;
  };

  async function run(mode: "preview" | "import", drafts: Drafts = { draft, contactDraft }) {
    if (!upload) return;
    const checked = checkedMapping(drafts);
    if ("problems" in checked) return setProblems(checked.problems);
    setProblems([]);
    setError(null);
    if (mode === "preview") setPreview(null);
    const total = mode === "import" && preview ? preview.valid - preview.duplicates : null;
    setRunningAt(mode === "import" ? "preview" : "mapping");
    setRunning({ label: mode === "preview" ? "Checking every row" : "Importing", fraction: 0 });
    let finished = false;
    await runUpload(upload.uploadId, { mode, mapping: checked.mapping, validOnly }, (event) => {
      if (event.type === "progress") setRunning(progressOf(event, event.phase === "writing" ? total : null, kind));
      if (event.type === "error") {
        finished = true;
        setError(event.message);
      }
      if (event.type === "result") {
        finished = true;
        if (mode === "preview" || event.summary.status !== "imported") setPreview(event.summary);
        else setResult(event.summary);
      }
    }).catch(() => undefined);
    if (!finished) setError("The connection to the server was lost. If the import was started it goes on: check the history below before trying again.");
    setRunning(null);
    if (mode === "import") router.refresh();
  }

  const newRows = preview ? preview.valid - preview.duplicates : 0;
  const errorReportHref = upload ? `/api/imports/uploads/${upload.uploadId}/errors` : "#";
  return (
    <section className="card wizard" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Import survey responses or service contacts</h2>
      <form onSubmit={onUpload} className="upload-form">
        <label htmlFor={`${id}-file`}>
          Export file: survey responses (Qualtrics, SurveyMonkey, Typeform), service contacts (Zendesk, Genesys Cloud, Salesforce), or any CSV or XLSX with one
          header row
        </label>
        <div className="upload-row">
          <input
            id={`${id}-file`}
            ref={fileInput}
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
          <button type="submit" className="primary" disabled={running != null}>
            Upload and detect
          </button>
        </div>
      </form>

      {progressAt("upload")}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}

      {upload && draft && contactDraft && !result ? (
        <div className="wizard-step">
          <h3>
            Map the columns of <span className="file-name">{upload.fileName}</span>
          </h3>
          <fieldset className="kind-choice">
            <legend>This file holds</legend>
            <label className="inline">
              <input
                type="radio"
                name={`${id}-kind`}
                checked={kind === "responses"}
                onChange={() => {
                  setKind("responses");
                  setPreview(null);
                  setProblems([]);
                }}
              />{" "}
              Survey responses (scores and comments)
            </label>
            <label className="inline">
              <input
                type="radio"
                name={`${id}-kind`}
                checked={kind === "contacts"}
                onChange={() => {
                  setKind("contacts");
                  setPreview(null);
                  setProblems([]);
                }}
              />{" "}
              Service contacts (calls, chats, tickets, cases)
            </label>
          </fieldset>
          <p>
            Detected: <strong>{upload.inspection.isXlsx ? "XLSX workbook" : formatNames[upload.inspection.format]}</strong>.{" "}
            {upload.inspection.template && upload.inspection.kind === kind ? (
              <>
                Using the saved template <strong>{upload.inspection.template}</strong> for this export.
              </>
            ) : (kind === "contacts" ? upload.inspection.contactMissing : upload.inspection.missing).length ? (
              <>Still needed: {(kind === "contacts" ? upload.inspection.contactMissing : upload.inspection.missing).join("; ")}.</>
            ) : (
              <>A mapping is proposed below; check it against the sample values.</>
            )}
          </p>
          {kind === "contacts" ? (
            <ContactMappingForm
              inspection={upload.inspection}
              draft={contactDraft}
              onChange={(next) => {
                setContactDraft(next);
                setProblems([]);
              }}
              sites={sites}
            />
          ) : (
            <MappingForm
              inspection={upload.inspection}
              draft={draft}
              onChange={(next) => {
                setDraft(next);
                setProblems([]);
              }}
              touchpoints={touchpoints}
              metrics={metrics}
              sites={sites}
            />
          )}
          {problems.length ? (
            <div role="alert" className="error">
              The mapping is not complete:
              <ul>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="actions">
            <div className="field inline-field">
              <label htmlFor={`${id}-template`}>Template name</label>
              <input id={`${id}-template`} value={templateName} onChange={(e) => setTemplateName(e.target.value)} />
              <button
                type="button"
                disabled={saveTemplate.isPending || running != null}
                onClick={() => {
                  const checked = checkedMapping();
                  if ("problems" in checked) return setProblems(checked.problems);
                  saveTemplate.mutate({ uploadId: upload.uploadId, name: templateName, mapping: checked.mapping });
                }}
              >
                Save as template
              </button>
              {saveTemplate.isSuccess ? (
                <span role="status" className="good-text">
                  Saved: later exports with these columns will use it.
                </span>
              ) : null}
              {saveTemplate.error ? (
                <span role="alert" className="bad-text">
                  {saveTemplate.error.message}
                </span>
              ) : null}
            </div>
            <button type="button" className="primary" disabled={running != null} onClick={() => void run("preview")}>
              Preview
            </button>
          </div>
          {progressAt("mapping")}
        </div>
      ) : null}

      {preview && !result ? (
        <div className="wizard-step">
          <ImportSummaryView
            summary={preview}
            errorReportHref={errorReportHref}
            touchpoints={touchpoints}
            codeMap={codeMaps?.touchpointCodes}
            onMapCode={(fileCode, touchpointCode) => {
              if (!codeMaps) return;
              const touchpointCodes = { ...codeMaps.touchpointCodes };
              if (touchpointCode) touchpointCodes[fileCode] = touchpointCode;
              else delete touchpointCodes[fileCode];
              setCodeMaps({ touchpointCodes });
            }}
            onCreateTouchpoint={(code) => {
              setCreatedCode(null);
              setCreatingCode(code);
            }}
            sites={sites}
            locationMap={codeMaps?.locationCodes}
            onMapLocation={(fileCode, locationCode) => {
              if (!codeMaps) return;
              const locationCodes = { ...codeMaps.locationCodes };
              if (locationCode) locationCodes[fileCode] = locationCode;
              else delete locationCodes[fileCode];
              setCodeMaps({ locationCodes });
            }}
            onCreateLocation={(code) => {
              setCreatedCode(null);
              setCreatingSite(code);
            }}
            creatingLocation={
              creatingSite ? (
                <CreateSiteForm
                  key={creatingSite}
                  code={creatingSite}
                  regions={regions}
                  onCancel={() => setCreatingSite(null)}
                  onCreated={(code) => {
                    // The site's code may differ from the file's (codes are upper-cased): map the file's to it.
                    const { [creatingSite]: _mapped, ...locationCodes } = codeMaps?.locationCodes ?? {};
                    const next = setCodeMaps({ locationCodes: code === creatingSite ? locationCodes : { ...locationCodes, [creatingSite]: code } });
                    setCreatingSite(null);
                    setCreatedCode(code);
                    router.refresh();
                    void run("preview", next);
                  }}
                />
              ) : null
            }
            creating={
              creatingCode ? (
                <section ref={createSection} className="create-touchpoint" aria-label={`Create the touchpoint ${creatingCode}`}>
                  <h4>
                    Create the touchpoint <code>{creatingCode}</code>
                  </h4>
                  <p className="muted">It is added to the model as in Setup › Touchpoints; the preview then counts its rows.</p>
                  <TouchpointForm
                    key={creatingCode}
                    choices={choices}
                    initialCode={creatingCode}
                    onCancel={() => setCreatingCode(null)}
                    onCreated={(created) => {
                      // The file's code is now a touchpoint: drop any mapping of it and preview again with it known.
                      const fileCode = creatingCode;
                      const { [fileCode]: _mapped, ...touchpointCodes } = codeMaps?.touchpointCodes ?? {};
                      const next = setCodeMaps({
                        touchpointCodes: created.code === fileCode ? touchpointCodes : { ...touchpointCodes, [fileCode]: created.code },
                      });
                      setCreatingCode(null);
                      setCreatedCode(created.code);
                      router.refresh();
                      void run("preview", next);
                    }}
                  />
                </section>
              ) : null
            }
          />
          {createdCode ? (
            <p role="status" className="notice">
              Created {createdCode}; the preview below includes its rows.
            </p>
          ) : null}
          {preview.unknownCodes.length ? (
            <p>
              <button type="button" disabled={running != null} onClick={() => void run("preview")}>
                Preview again with these codes
              </button>
            </p>
          ) : null}
          <p className={preview.status === "already_imported" ? "notice" : "muted"}>{preview.message}</p>
          {preview.status !== "already_imported" ? (
            <div className="actions">
              {preview.rejected ? (
                <label className="inline">
                  <input type="checkbox" checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} /> Import only the valid rows; leave the{" "}
                  {countOf(preview.rejected, "rejected row")} out (recorded on the batch)
                </label>
              ) : null}
              <button
                type="button"
                className="primary"
                disabled={running != null || newRows === 0 || (preview.rejected > 0 && !validOnly)}
                onClick={() => void run("import")}
              >
                Import {countOf(newRows, nouns[kind])}
              </button>
            </div>
          ) : null}
          {progressAt("preview")}
        </div>
      ) : null}

      {result ? (
        <div className="wizard-step">
          <ImportSummaryView summary={result} errorReportHref={errorReportHref} />
          <p role="status" className="notice">
            {result.message} The dashboards already include them.
          </p>
          <div className="actions">
            {result.kind === "contacts" ? (
              <>
                <a href="/admin/contact-reasons">Classify the contact reasons</a>
                <a href="/failure-demand">Open failure demand</a>
              </>
            ) : (
              <a href="/overview">Open the overview</a>
            )}
            <button type="button" onClick={reset}>
              Import another file
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
