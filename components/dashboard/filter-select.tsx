// One filter of a GET form: a labelled select with an "all" choice, so every filter bar writes the URL alike.
export function FilterSelect({
  name,
  label,
  allLabel,
  value,
  options,
  problem,
}: {
  name: string;
  label: string;
  allLabel: string;
  value: string | number | undefined;
  options: ReadonlyArray<{ value: string | number; label: string }>;
  /** Why the URL's value could not be used, said at the field. */
  problem?: string;
}) {
  return (
    <div>
      <label htmlFor={name}>{label}</label>
      <select
        id={name}
        name={name}
        defaultValue={problem ? "" : (value ?? "")}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${name}-problem` : undefined}
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {problem ? (
        <p id={`${name}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
