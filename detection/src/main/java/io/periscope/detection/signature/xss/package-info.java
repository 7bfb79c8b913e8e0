/**
 * Cross-site scripting by lexical analysis. {@link io.periscope.detection.signature.xss.HtmlTokenizer} reads a value
 * the way a browser's tokenizer reads markup (tags, attributes with quoted and unquoted values, the separators
 * browsers accept such as {@code /} in {@code <svg/onload=...>}); {@link io.periscope.detection.signature.xss.TagRules}
 * judges each tag (script and active-content elements, event handlers, script URLs in URL attributes, CSS
 * expressions). The value is read in the contexts it may be reflected into: element content, inside an attribute
 * value it breaks out of with a quote, a URL attribute, and a JavaScript string
 * ({@link io.periscope.detection.signature.xss.ScriptContextRules}).
 */
package io.periscope.detection.signature.xss;
