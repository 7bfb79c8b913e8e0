/** Zero-copy, allocation-free decoding of a captured packet down to its TCP segment, with one counted outcome per packet. */
package io.periscope.mirror.decode;
