/** EDP's Lambda handlers. No Pulumi here: the deployed jar stays small and cold starts fast. */
package dev.edp.runtime;
