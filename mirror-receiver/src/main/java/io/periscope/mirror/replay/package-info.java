/** Replaying a capture: over UDP as AWS Traffic Mirroring would, or straight into an embedded pipeline ({@code periscope replay} drives it from api-server). */
package io.periscope.mirror.replay;
