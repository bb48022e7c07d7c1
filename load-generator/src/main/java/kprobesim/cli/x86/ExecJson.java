package kprobesim.cli.x86;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kprobesim.cli.BadInputException;
import kprobesim.cli.x86.ExecRequest.DumpRange;
import kprobesim.cli.x86.ExecRequest.MemRegion;

/**
 * The JSON side of the exec contract: reads a request object (a batch line or a {@code --regs}
 * file) and writes the result line. Numbers may be JSON integers or strings ("0x.." or decimal);
 * results always use "0x" hex strings. Unknown keys are errors, so a typo never goes unnoticed.
 *
 * <p>Errors name {@code where} (e.g. "runs.jsonl:3") and the key path, e.g.
 * {@code runs.jsonl:3: mem[1].len: not a number: 'x'}.
 */
public final class ExecJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> REQUEST_KEYS = Set.of("code", "base", "regs", "mem", "dump", "max_instructions");

    private ExecJson() {}

    /** Parses one JSON text; {@code where} prefixes error messages. */
    public static JsonNode parse(String json, String where) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new BadInputException(where + ": empty JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            String col = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new BadInputException(where + ": bad JSON" + col + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    /** A batch line: {"code","base","regs"?,"mem"?,"dump"?,"max_instructions"?}. */
    public static ExecRequest request(JsonNode node, String where, long defaultMaxInstructions) {
        requireObject(node, where, "request");
        rejectUnknownKeys(node, REQUEST_KEYS, where, "");
        byte[] code = hexBytes(required(node, "code", where), where, "code");
        long base = number(required(node, "base", where), where, "base");
        long[] regs = new long[16];
        long[] rflags = {ExecRequest.DEFAULT_RFLAGS};
        if (node.has("regs")) {
            regs(node.get("regs"), where, regs, rflags);
        }
        List<MemRegion> mem = new ArrayList<>();
        for (JsonNode m : array(node, "mem", where)) {
            mem.add(memRegion(m, where, "mem[" + mem.size() + "]"));
        }
        List<DumpRange> dumps = new ArrayList<>();
        for (JsonNode d : array(node, "dump", where)) {
            dumps.add(dumpRange(d, where, "dump[" + dumps.size() + "]"));
        }
        long max = node.has("max_instructions")
                ? nonNegative(number(node.get("max_instructions"), where, "max_instructions"), where, "max_instructions")
                : defaultMaxInstructions;
        return new ExecRequest(code, base, regs, rflags[0], List.copyOf(mem), List.copyOf(dumps), max);
    }

    /**
     * Reads a regs object ({"rax":"0x1",...,"rflags":"0x202"}) into {@code regs} (16 GPRs) and
     * {@code rflags[0]}. rip is not accepted: execution always starts at base.
     */
    public static void regs(JsonNode node, String where, long[] regs, long[] rflags) {
        requireObject(node, where, "regs");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String path = "regs." + name;
            int r = RegisterNames.gpr(name);
            if (r >= 0) {
                regs[r] = number(e.getValue(), where, path);
            } else if (name.equals("rflags")) {
                rflags[0] = number(e.getValue(), where, path);
            } else if (name.equals("rip")) {
                throw new BadInputException(where + ": " + path + ": rip cannot be set; execution starts at base");
            } else {
                throw new BadInputException(where + ": " + path + ": unknown register (expected rax..r15 or rflags)");
            }
        }
    }

    /** The result line, keys in the contract's order. */
    public static String result(ExecOutcome o) {
        StringBuilder s = new StringBuilder(512);
        s.append("{\"stop\":\"").append(o.stop().json()).append("\",\"exception\":");
        if (o.fault() == null) {
            s.append("null");
        } else {
            s.append("{\"vector\":").append(o.fault().vector())
                    .append(",\"error\":").append(o.fault().error())
                    .append(",\"address\":\"").append(Numbers.hex(o.fault().address())).append("\"}");
        }
        s.append(",\"instructions\":").append(o.instructions()).append(",\"regs\":{");
        for (int i = 0; i < 16; i++) {
            s.append('"').append(RegisterNames.GPR[i]).append("\":\"").append(Numbers.hex(o.regs()[i])).append("\",");
        }
        s.append("\"rip\":\"").append(Numbers.hex(o.rip())).append("\",\"rflags\":\"")
                .append(Numbers.hex(o.rflags())).append("\"},\"dumps\":[");
        for (int i = 0; i < o.dumps().size(); i++) {
            ExecOutcome.Dump d = o.dumps().get(i);
            s.append(i == 0 ? "" : ",").append("{\"addr\":\"").append(Numbers.hex(d.addr()))
                    .append("\",\"hex\":\"").append(Hex.encode(d.bytes())).append("\"}");
        }
        return s.append("]}").toString();
    }

    private static MemRegion memRegion(JsonNode m, String where, String path) {
        requireObject(m, where, path);
        rejectUnknownKeys(m, Set.of("addr", "hex", "len"), where, path + ".");
        long addr = number(required(m, "addr", where, path), where, path + ".addr");
        byte[] contents = m.has("hex") ? hexBytes(m.get("hex"), where, path + ".hex") : new byte[0];
        if (!m.has("hex") && !m.has("len")) {
            throw new BadInputException(where + ": " + path + ": needs \"hex\" or \"len\"");
        }
        long len = m.has("len") ? number(m.get("len"), where, path + ".len") : contents.length;
        if (len < contents.length || len > ExecRequest.MAX_REGION_BYTES) {
            throw new BadInputException(where + ": " + path + ".len: " + len + " must be between the hex length ("
                    + contents.length + ") and " + ExecRequest.MAX_REGION_BYTES);
        }
        return new MemRegion(addr, contents, len);
    }

    private static DumpRange dumpRange(JsonNode d, String where, String path) {
        requireObject(d, where, path);
        rejectUnknownKeys(d, Set.of("addr", "len"), where, path + ".");
        long addr = number(required(d, "addr", where, path), where, path + ".addr");
        long len = number(required(d, "len", where, path), where, path + ".len");
        if (len < 0 || len > ExecRequest.MAX_REGION_BYTES) {
            throw new BadInputException(where + ": " + path + ".len: " + len + " out of range 0.." + ExecRequest.MAX_REGION_BYTES);
        }
        return new DumpRange(addr, (int) len);
    }

    private static long number(JsonNode n, String where, String path) {
        try {
            if (n.isIntegralNumber()) {
                return Numbers.fromBig(n.bigIntegerValue(), n.asText());
            }
            if (n.isTextual()) {
                return Numbers.parse(n.textValue());
            }
        } catch (NumberFormatException e) {
            throw new BadInputException(where + ": " + path + ": " + e.getMessage());
        }
        throw new BadInputException(where + ": " + path + ": expected an integer or a hex string, got " + n);
    }

    private static long nonNegative(long v, String where, String path) {
        if (v < 0) {
            throw new BadInputException(where + ": " + path + ": must not be negative");
        }
        return v;
    }

    private static byte[] hexBytes(JsonNode n, String where, String path) {
        if (!n.isTextual()) {
            throw new BadInputException(where + ": " + path + ": expected a hex string");
        }
        try {
            return Hex.decode(n.textValue());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + path + ": " + e.getMessage());
        }
    }

    private static Iterable<JsonNode> array(JsonNode node, String key, String where) {
        JsonNode a = node.get(key);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new BadInputException(where + ": " + key + ": expected an array");
        }
        return a;
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        return required(node, key, where, "");
    }

    private static JsonNode required(JsonNode node, String key, String where, String path) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new BadInputException(where + ": " + (path.isEmpty() ? "" : path + ": ") + "missing \"" + key + "\"");
        }
        return v;
    }

    private static void requireObject(JsonNode n, String where, String what) {
        if (!n.isObject()) {
            throw new BadInputException(where + ": " + what + ": expected a JSON object");
        }
    }

    private static void rejectUnknownKeys(JsonNode n, Set<String> known, String where, String prefix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                String[] sorted = known.toArray(new String[0]);
                Arrays.sort(sorted);
                throw new BadInputException(where + ": " + prefix + k + ": unknown key (expected one of "
                        + String.join(", ", sorted) + ")");
            }
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
