// Placeholder until the embedded PostgreSQL test setup lands.
export default async function setup(): Promise<void> {}
