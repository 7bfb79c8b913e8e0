/** {@code periscope replay}: the command line over the receiver's UDP replayer and embedded pipeline ingest. */
package io.periscope.server.cli.replay;
