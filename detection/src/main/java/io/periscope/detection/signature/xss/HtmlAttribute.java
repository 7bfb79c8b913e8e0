package io.periscope.detection.signature.xss;

/**
 * One attribute of a tag as a browser reads it.
 *
 * @param name  lower-cased name ({@code onload}, {@code xlink:href})
 * @param value the value without its quotes; empty when the attribute has none
 */
public record HtmlAttribute(String name, String value) {
}
