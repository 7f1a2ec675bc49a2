// The link under every tile and chart to how its figures are computed (/methodology, from docs/metrics.md).
export function MethodLink({
  section,
  children,
}: {
  section:
    "scores" | "minimum-sample" | "normalising-to-0100" | "roll-up" | "change-over-time" | "locations" | "failure-demand" | "key-drivers-method" | "themes";
  children: React.ReactNode;
}) {
  return (
    <a className="method-link" href={`/methodology#${section}`}>
      {children}
    </a>
  );
}
