/** Records every server instance shares: written through to a compacted topic, read from a local view of it. */
package io.periscope.server.store;
