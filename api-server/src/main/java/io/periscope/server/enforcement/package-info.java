/** The enforcement API: block list, manual block and unblock, the audit trail, the allowlist. */
package io.periscope.server.enforcement;
