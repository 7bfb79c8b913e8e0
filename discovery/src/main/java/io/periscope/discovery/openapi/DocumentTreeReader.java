package io.periscope.discovery.openapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a JSON or YAML document into a Jackson tree within {@link SpecBounds}, and nothing else: no reference is
 * followed here or later (the tree goes to swagger-parser's deserializers, never to its resolvers).
 *
 * <p>JSON goes through Jackson with {@link StreamReadConstraints} (depth, string, number and document length).
 * YAML goes through SnakeYAML's composer with {@link LoaderOptions} (aliases of collections, recursive keys,
 * nesting depth, code points), then its safe constructor, then a copy into a Jackson tree that counts every value
 * it creates: aliases share one object in SnakeYAML, and only the copy expands them. Jackson's own YAML parser is
 * not used because it reports an alias as the anchor's name, a string, which silently changes the document.
 *
 * <p>Cancellation is cooperative: the input reader and the tree copy stop when the thread is interrupted.
 */
final class DocumentTreeReader {
    private static final int MAX_NUMBER_DIGITS = 1000;
    private static final int INTERRUPT_CHECK_EVERY = 4096;

    private final SpecBounds bounds;
    private final ObjectReader json;

    DocumentTreeReader(SpecBounds bounds) {
        this.bounds = bounds;
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(bounds.maxDepth())
                .maxDocumentLength(bounds.maxBytes())
                .maxStringLength(bounds.maxBytes())
                .maxNameLength(bounds.maxBytes())
                .maxNumberLength(MAX_NUMBER_DIGITS)
                .build()).build();
        this.json = JsonMapper.builder(factory).build().reader();
    }

    JsonNode read(String document) throws SpecImportException {
        JsonNode tree = document.stripLeading().startsWith("{") ? readJson(document) : readYaml(document);
        if (tree == null || tree.isMissingNode()) {
            throw new SpecImportException("the document is empty");
        }
        return tree;
    }

    private JsonNode readJson(String document) throws SpecImportException {
        try (Reader in = new InterruptibleReader(document)) {
            return json.readTree(in);
        } catch (StreamConstraintsException e) {
            throw jsonBound(e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new SpecImportException("the document is not valid JSON" + where);
        } catch (IOException e) {
            throw cancelled();
        }
    }

    /** Names the bound a {@link StreamConstraintsException} reports without quoting Jackson's message. */
    private SpecImportException jsonBound(StreamConstraintsException e) {
        String m = String.valueOf(e.getMessage());
        String bound;
        if (m.contains("nesting depth")) {
            bound = "it nests objects and arrays deeper than " + bounds.maxDepth() + " levels";
        } else if (m.contains("Number value length")) {
            bound = "a number has more than " + MAX_NUMBER_DIGITS + " digits";
        } else if (m.contains("Document length")) {
            bound = "it is longer than " + bounds.maxBytes() + " characters";
        } else {
            bound = "a string or name is longer than " + bounds.maxBytes() + " characters";
        }
        return new SpecImportException(SpecImportException.Reason.BOUND_EXCEEDED, "the document exceeds a bound: " + bound);
    }

    private JsonNode readYaml(String document) throws SpecImportException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(bounds.maxAliases());
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(bounds.maxDepth());
        options.setCodePointLimit(bounds.maxBytes());
        Object data;
        try (Reader in = new InterruptibleReader(document)) {
            Node root = new Yaml(options).compose(in);
            if (root == null) {
                return null;
            }
            checkComposed(root);
            data = new TreeConstructor(options).construct(root);
        } catch (MarkedYAMLException e) {
            throw yamlError(e, " at line " + (e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark() == null ? 0 : e.getProblemMark().getColumn() + 1));
        } catch (YAMLException e) {
            throw yamlError(e, "");
        } catch (RuntimeException e) {
            // SnakeYAML's safe constructor lets a few scalar errors escape raw, e.g. NumberFormatException for a
            // sexagesimal integer beyond a long (55555555555555595551:55), found by SpecImporterFuzzTest.
            throw new SpecImportException("the document is not valid YAML: a value cannot be read as its YAML type");
        } catch (IOException e) {
            throw cancelled();
        }
        return new TreeCopy().copy(data, 1);
    }

    /** Names the LoaderOptions bound SnakeYAML reports, or says the document is not valid YAML. */
    private SpecImportException yamlError(YAMLException e, String where) {
        if (Thread.currentThread().isInterrupted()) {
            return cancelled();
        }
        String m = String.valueOf(e.getMessage());
        String bound = null;
        if (m.contains("Number of aliases")) {
            bound = "it has more than " + bounds.maxAliases() + " YAML aliases of mappings or lists";
        } else if (m.contains("Nesting Depth")) {
            bound = "it nests mappings and lists deeper than " + bounds.maxDepth() + " levels";
        } else if (m.contains("exceeds the limit")) {
            bound = "it is longer than " + bounds.maxBytes() + " characters";
        } else if (m.contains("Recursive key")) {
            bound = "a YAML mapping key refers to itself";
        }
        return bound == null ? new SpecImportException("the document is not valid YAML" + where)
                : new SpecImportException(SpecImportException.Reason.BOUND_EXCEEDED, "the document exceeds a bound: " + bound);
    }

    /**
     * Checks the composed document before anything is constructed. OpenAPI keys are strings: a mapping or list as
     * a key would be hashed by the constructor, and a hash of an alias of aliases walks every expanded value. And a
     * number's digits are bounded as in JSON: the constructor parses a long integer in quadratic time.
     * Each node is visited once, however many aliases point at it.
     */
    private void checkComposed(Node root) throws SpecImportException {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (n instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    todo.push(t.getKeyNode());
                    if (!(t.getKeyNode() instanceof ScalarNode)) {
                        throw new SpecImportException(
                                "the document is not valid: a YAML mapping key is a mapping or a list (keys must be strings)");
                    }
                    todo.push(t.getValueNode());
                }
            } else if (n instanceof SequenceNode s) {
                s.getValue().forEach(todo::push);
            } else if (n instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))
                    && s.getValue().length() > MAX_NUMBER_DIGITS) {
                throw new SpecImportException(SpecImportException.Reason.BOUND_EXCEEDED,
                        "the document exceeds a bound: a number has more than " + MAX_NUMBER_DIGITS + " digits");
            }
        }
    }

    private SpecImportException cancelled() {
        return new SpecImportException(SpecImportException.Reason.CANCELLED, "the import was stopped before it finished");
    }

    /** SnakeYAML's safe constructor (standard YAML types only), exposed for a composed node. */
    private static final class TreeConstructor extends SafeConstructor {
        TreeConstructor(LoaderOptions options) {
            super(options);
        }

        Object construct(Node root) {
            return constructDocument(root);
        }
    }

    /** Copies SnakeYAML's objects into a Jackson tree, counting values: this is where aliases expand. */
    private final class TreeCopy {
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private int created;

        JsonNode copy(Object value, int depth) throws SpecImportException {
            if (++created > bounds.maxNodes()) {
                throw new SpecImportException(SpecImportException.Reason.BOUND_EXCEEDED, "the document exceeds a bound: it has more than "
                        + bounds.maxNodes() + " values once YAML aliases are expanded");
            }
            if (created % INTERRUPT_CHECK_EVERY == 0 && Thread.currentThread().isInterrupted()) {
                throw cancelled();
            }
            if (depth > bounds.maxDepth()) {
                // Only an alias inside its own anchor (a recursive value) gets here: the composer bounds the rest.
                throw new SpecImportException(SpecImportException.Reason.BOUND_EXCEEDED,
                        "the document exceeds a bound: it nests deeper than " + bounds.maxDepth()
                                + " levels once YAML aliases are expanded");
            }
            if (value instanceof Map<?, ?> map) {
                ObjectNode o = nodes.objectNode();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    o.set(scalarText(e.getKey()), copy(e.getValue(), depth + 1));
                }
                return o;
            }
            if (value instanceof Collection<?> list) {
                ArrayNode a = nodes.arrayNode();
                for (Object item : list) {
                    a.add(copy(item, depth + 1));
                }
                return a;
            }
            if (value instanceof Object[] pairs) {
                ArrayNode a = nodes.arrayNode();
                for (Object item : pairs) {
                    a.add(copy(item, depth + 1));
                }
                return a;
            }
            return scalar(value);
        }

        private JsonNode scalar(Object value) {
            if (value == null) {
                return nodes.nullNode();
            }
            if (value instanceof Boolean b) {
                return nodes.booleanNode(b);
            }
            if (value instanceof Integer i) {
                return nodes.numberNode(i);
            }
            if (value instanceof Long l) {
                return nodes.numberNode(l);
            }
            if (value instanceof BigInteger b) {
                return nodes.numberNode(b);
            }
            if (value instanceof Double d) {
                return nodes.numberNode(d);
            }
            return nodes.textNode(scalarText(value));
        }
    }

    private static String scalarText(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().toString();
        }
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return String.valueOf(value);
    }

    /** Reads the document and fails once the thread is interrupted, so a cancelled import stops scanning. */
    private static final class InterruptibleReader extends FilterReader {
        InterruptibleReader(String document) {
            super(new StringReader(document));
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("import cancelled");
            }
            return super.read(buffer, offset, length);
        }

        @Override
        public int read() throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("import cancelled");
            }
            return super.read();
        }
    }
}
