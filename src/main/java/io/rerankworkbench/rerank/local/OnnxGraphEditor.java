package io.rerankworkbench.rerank.local;

import io.rerankworkbench.rerank.ModelLoadException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and edits serialized ONNX {@code ModelProto} bytes at the protobuf wire level, so the explain session can
 * expose each layer's attention probabilities without a protobuf library or Python.
 *
 * <p>Only the main graph is read or changed; subgraphs (If/Loop bodies) and functions are never touched. Every byte
 * outside the edit is copied through unchanged, including fields this class does not know. Both methods walk the
 * top-level fields once and skip the large initializers by length, so a 90 MB model costs one array copy.
 *
 * <p>Stateless and thread-safe.
 */
public final class OnnxGraphEditor {

    /**
     * A {@code Softmax} node of the main graph.
     *
     * @param nodeName the node's name ({@code ""} when the export left it unnamed)
     * @param output   the name of the value it produces: in an unfused transformer export, one layer's attention
     *                 probabilities {@code [batch, heads, seq, seq]}
     */
    public record SoftmaxNode(String nodeName, String output) {
    }

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_GRAPH = 7;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_DOMAIN = 7;
    // ValueInfoProto
    private static final int VALUE_INFO_NAME = 1;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private static final byte[] SOFTMAX = "Softmax".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONNX_DOMAIN = "ai.onnx".getBytes(StandardCharsets.US_ASCII);

    private OnnxGraphEditor() {
    }

    /**
     * The {@code Softmax} nodes of the main graph (standard ONNX domain only), in graph order.
     *
     * @throws ModelLoadException when the bytes are not a well-formed {@code ModelProto} with a graph
     */
    public static List<SoftmaxNode> softmaxNodes(byte[] model) {
        Objects.requireNonNull(model, "model");
        List<SoftmaxNode> found = new ArrayList<>();
        for (Span graph : graphs(model)) {
            Reader r = new Reader(model, graph.start, graph.end, "graph");
            while (r.hasMore()) {
                int tag = r.tag();
                if (tag >>> 3 == GRAPH_NODE && (tag & 7) == LENGTH_DELIMITED) {
                    int length = r.length();
                    SoftmaxNode node = softmaxNode(model, r.pos, r.pos + length);
                    if (node != null) {
                        found.add(node);
                    }
                    r.pos += length;
                } else {
                    r.skip(tag);
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * The model with {@code valueNames} appended to the main graph's outputs, after the existing ones, in the given
     * order. Names that already are graph outputs are left alone, so the result never lists a value twice. Each new
     * output is a {@code ValueInfoProto} with only a name; ONNX Runtime infers its type and shape.
     *
     * <p>With an empty list the result is byte-for-byte the input.
     *
     * @throws ModelLoadException       when the bytes are not a well-formed {@code ModelProto} with a graph
     * @throws IllegalArgumentException when a name is blank, or neither a node output nor an input of the main graph
     */
    public static byte[] withExtraOutputs(byte[] model, List<String> valueNames) {
        Objects.requireNonNull(model, "model");
        List<Span> graphs = graphs(model);
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : valueNames) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("blank output name in " + valueNames);
            }
            wanted.add(name);
        }
        if (wanted.isEmpty()) {
            return model.clone();
        }
        Set<String> produced = new LinkedHashSet<>();
        Set<String> existingOutputs = new LinkedHashSet<>();
        for (Span graph : graphs) {
            collectNames(model, graph, wanted, produced, existingOutputs);
        }
        List<String> missing = wanted.stream().filter(n -> !produced.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("not a node output or input of the main graph: " + missing);
        }
        wanted.removeAll(existingOutputs);

        ByteArrayOutputStream extraOutputs = new ByteArrayOutputStream(64 * wanted.size());
        for (String name : wanted) {
            writeField(extraOutputs, GRAPH_OUTPUT, nameOnlyValueInfo(name));
        }
        byte[] extra = extraOutputs.toByteArray();
        // A graph field that occurs more than once is merged by every protobuf parser, repeated fields
        // concatenated in order; appending to the last occurrence therefore puts the new outputs last.
        Span last = graphs.get(graphs.size() - 1);
        int graphLength = last.end - last.start;
        ByteArrayOutputStream header = new ByteArrayOutputStream(16);
        writeVarint(header, (MODEL_GRAPH << 3) | LENGTH_DELIMITED);
        writeVarint(header, Math.addExact(graphLength, extra.length));
        byte[] graphHeader = header.toByteArray();
        int tail = model.length - last.end;
        byte[] edited = new byte[Math.addExact(last.tagStart + graphHeader.length + graphLength + tail,
                extra.length)];
        int at = 0;
        System.arraycopy(model, 0, edited, at, last.tagStart);
        at += last.tagStart;
        System.arraycopy(graphHeader, 0, edited, at, graphHeader.length);
        at += graphHeader.length;
        System.arraycopy(model, last.start, edited, at, graphLength);
        at += graphLength;
        System.arraycopy(extra, 0, edited, at, extra.length);
        at += extra.length;
        System.arraycopy(model, last.end, edited, at, tail);
        return edited;
    }

    /** Where one occurrence of {@code ModelProto.graph} lies: its tag, and its payload [start, end). */
    private record Span(int tagStart, int start, int end) {
    }

    /** Validates the top level of the model and of its graph(s) and returns where the graph payloads are. */
    private static List<Span> graphs(byte[] model) {
        if (model.length == 0) {
            throw new ModelLoadException("not an ONNX model: the file is empty");
        }
        List<Span> graphs = new ArrayList<>(1);
        boolean irVersion = false;
        Reader r = new Reader(model, 0, model.length, "model");
        while (r.hasMore()) {
            int tagStart = r.pos;
            int tag = r.tag();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == MODEL_GRAPH) {
                r.expectWireType(tag, LENGTH_DELIMITED, "ModelProto.graph");
                int length = r.length();
                Span span = new Span(tagStart, r.pos, r.pos + length);
                validateFields(model, span.start, span.end, "graph");
                graphs.add(span);
                r.pos = span.end;
            } else {
                if (field == MODEL_IR_VERSION) {
                    r.expectWireType(tag, VARINT, "ModelProto.ir_version");
                    irVersion = true;
                }
                r.skipValue(wire);
            }
        }
        if (graphs.isEmpty() || !irVersion) {
            throw new ModelLoadException("not an ONNX model: the protobuf message has no "
                    + (graphs.isEmpty() ? "graph" : "IR version") + " (" + model.length + " bytes)");
        }
        return graphs;
    }

    /** Checks that [start, end) is a sequence of well-formed protobuf fields, without descending into them. */
    private static void validateFields(byte[] bytes, int start, int end, String what) {
        Reader r = new Reader(bytes, start, end, what);
        while (r.hasMore()) {
            r.skip(r.tag());
        }
    }

    /** The node in [start, end) if it is a standard-domain Softmax, else null. Allocates only for a Softmax. */
    private static SoftmaxNode softmaxNode(byte[] b, int start, int end) {
        Reader r = new Reader(b, start, end, "node");
        boolean softmax = false;
        boolean standardDomain = true;
        int nameStart = -1;
        int nameLength = 0;
        int outputStart = -1;
        int outputLength = 0;
        while (r.hasMore()) {
            int tag = r.tag();
            int field = tag >>> 3;
            if ((tag & 7) != LENGTH_DELIMITED
                    || (field != NODE_OP_TYPE && field != NODE_DOMAIN && field != NODE_NAME && field != NODE_OUTPUT)) {
                r.skip(tag);
                continue;
            }
            int length = r.length();
            switch (field) {
                case NODE_OP_TYPE -> softmax = equals(b, r.pos, length, SOFTMAX);
                case NODE_DOMAIN -> standardDomain = length == 0 || equals(b, r.pos, length, ONNX_DOMAIN);
                case NODE_NAME -> {
                    nameStart = r.pos;
                    nameLength = length;
                }
                default -> { // NODE_OUTPUT: Softmax has exactly one output, the first one listed
                    if (outputStart < 0) {
                        outputStart = r.pos;
                        outputLength = length;
                    }
                }
            }
            r.pos += length;
        }
        if (!softmax || !standardDomain || outputStart < 0) {
            return null;
        }
        String name = nameStart < 0 ? "" : new String(b, nameStart, nameLength, StandardCharsets.UTF_8);
        return new SoftmaxNode(name, new String(b, outputStart, outputLength, StandardCharsets.UTF_8));
    }

    /**
     * Adds to {@code produced} the wanted names that a node outputs or the graph takes as input, and to
     * {@code existingOutputs} the wanted names already declared as graph outputs.
     */
    private static void collectNames(byte[] b, Span graph, Set<String> wanted, Set<String> produced,
                                     Set<String> existingOutputs) {
        byte[][] names = wanted.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        String[] strings = wanted.toArray(String[]::new);
        Reader g = new Reader(b, graph.start, graph.end, "graph");
        while (g.hasMore()) {
            int tag = g.tag();
            int field = tag >>> 3;
            boolean interesting = field == GRAPH_NODE || field == GRAPH_INPUT || field == GRAPH_OUTPUT;
            if ((tag & 7) != LENGTH_DELIMITED || !interesting) {
                g.skip(tag);
                continue;
            }
            int length = g.length();
            // NodeProto lists outputs as field 2; ValueInfoProto names itself in field 1.
            int nameField = field == GRAPH_NODE ? NODE_OUTPUT : VALUE_INFO_NAME;
            Set<String> target = field == GRAPH_OUTPUT ? existingOutputs : produced;
            Reader r = new Reader(b, g.pos, g.pos + length, field == GRAPH_NODE ? "node" : "value info");
            while (r.hasMore()) {
                int inner = r.tag();
                if (inner >>> 3 == nameField && (inner & 7) == LENGTH_DELIMITED) {
                    int n = r.length();
                    for (int i = 0; i < names.length; i++) {
                        if (equals(b, r.pos, n, names[i])) {
                            target.add(strings[i]);
                        }
                    }
                    r.pos += n;
                } else {
                    r.skip(inner);
                }
            }
            g.pos += length;
        }
    }

    /**
     * ValueInfoProto { name } and nothing else. ONNX Runtime infers the type of a graph output that a node
     * produces, and leaving it out keeps float16 and quantized exports loadable (a declared float type would
     * contradict their float16 Softmax outputs).
     */
    private static byte[] nameOnlyValueInfo(String name) {
        ByteArrayOutputStream info = new ByteArrayOutputStream(name.length() + 8);
        writeField(info, VALUE_INFO_NAME, name.getBytes(StandardCharsets.UTF_8));
        return info.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, int field, byte[] payload) {
        writeVarint(out, (field << 3) | LENGTH_DELIMITED);
        writeVarint(out, payload.length);
        out.write(payload, 0, payload.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static boolean equals(byte[] b, int start, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** A cursor over the protobuf fields in [pos, end) of one message; every read is bounds-checked. */
    private static final class Reader {
        private final byte[] b;
        private final int end;
        private final String what;
        int pos;

        Reader(byte[] b, int start, int end, String what) {
            this.b = b;
            this.pos = start;
            this.end = end;
            this.what = what;
        }

        boolean hasMore() {
            return pos < end;
        }

        /** A field tag; rejects field number 0 and the wire types protobuf 3 never writes (groups, 6, 7). */
        int tag() {
            int at = pos;
            long tag = varint();
            int wire = (int) (tag & 7);
            if (tag >>> 3 == 0 || tag > 0xFFFF_FFFFL || (wire != VARINT && wire != FIXED64
                    && wire != LENGTH_DELIMITED && wire != FIXED32)) {
                throw malformed("invalid field tag " + tag, at);
            }
            return (int) tag;
        }

        /** The length prefix of a length-delimited field, checked against the end of the enclosing message. */
        int length() {
            int at = pos;
            long length = varint();
            if (length < 0 || length > end - pos) {
                throw malformed("a field of " + Long.toUnsignedString(length) + " bytes runs past the end of the "
                        + what + " (" + (end - pos) + " bytes left)", at);
            }
            return (int) length;
        }

        void expectWireType(int tag, int wire, String field) {
            if ((tag & 7) != wire) {
                throw malformed(field + " has wire type " + (tag & 7) + ", expected " + wire, pos);
            }
        }

        void skip(int tag) {
            skipValue(tag & 7);
        }

        void skipValue(int wire) {
            switch (wire) {
                case VARINT -> varint();
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> {
                    int length = length(); // not `pos += length()`: that adds to pos as it was before the prefix
                    pos += length;
                }
                case FIXED32 -> advance(4);
                default -> throw malformed("invalid wire type " + wire, pos);
            }
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw malformed("a fixed-size field runs past the end of the " + what, pos);
            }
            pos += n;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw malformed("truncated varint", pos);
                }
                byte next = b[pos++];
                value |= (long) (next & 0x7F) << shift;
                if (next >= 0) {
                    return value;
                }
            }
            throw malformed("varint longer than 10 bytes", pos);
        }

        private ModelLoadException malformed(String problem, int at) {
            return new ModelLoadException("not a valid ONNX model: " + problem + " in the " + what + " at byte "
                    + at + " of " + b.length);
        }
    }
}
