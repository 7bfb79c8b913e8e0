/** Building well-formed packets for tooling and tests (allocates; not for the packet path). */
package io.periscope.mirror.encode;
