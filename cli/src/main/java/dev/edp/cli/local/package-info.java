/**
 * {@code ./edp local}: a stack on an embedded AWS emulator (docs/local-sandbox.md). {@link
 * dev.edp.cli.local.LocalCommand} is the command, {@link dev.edp.cli.local.LocalRun} one run of it, and
 * {@code run} the scenarios, trace, ledger, checklist and success criteria. The sandbox itself (moto behind the
 * endpoint, the deploy, the local bus, the event source mappings, the functions) is the {@code edp-sandbox} module,
 * {@link dev.edp.sandbox.Sandbox}.
 */
package dev.edp.cli.local;
