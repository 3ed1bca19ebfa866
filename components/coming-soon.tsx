/** Placeholder for a section that is planned but not built yet. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="panel empty-state">
        <p>Coming soon.</p>
        <p>{description}</p>
      </div>
    </>
  );
}
