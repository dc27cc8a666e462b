package io.fixbridge.venue.kit.sign.eth;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EIP-712 typed structured data hashing: {@code keccak256(0x19 0x01 || domainSeparator ||
 * hashStruct(message))}, ready for {@link EthSigningKey#signDigest(byte[])}. Stateless and
 * thread-safe. Supported field types: {@code string}, {@code bytes}, {@code bytes1..bytes32},
 * {@code address}, {@code bool}, {@code uint8..uint256}, {@code int8..int256}, struct types
 * declared in the type map, and arrays {@code T[]} / {@code T[n]} of any of these. Type names may
 * contain {@code ':'} (Hyperliquid's {@code HyperliquidTransaction:UsdSend}). A missing value, a
 * value of the wrong Java type or out of range, or an unknown type fails with
 * {@link IllegalArgumentException} naming the type and field.
 *
 * <p>Value mapping: string -> {@link CharSequence}; bytes/bytesN -> {@code byte[]} or a 0x hex
 * string; address -> {@link EthAddress} or a hex string; bool -> {@link Boolean}; integers ->
 * {@link Number} (integral) or a decimal / 0x-hex string; struct -> {@code Map<String, ?>};
 * arrays -> {@link List}.
 */
public final class Eip712 {
    private static final Pattern ARRAY = Pattern.compile("^(.+)\\[(\\d*)]$");
    private static final Pattern INT = Pattern.compile("^(u?)int(\\d{1,3})$");
    private static final Pattern BYTES_N = Pattern.compile("^bytes(\\d{1,2})$");
    private static final List<Field> DOMAIN_FIELDS = List.of(new Field("name", "string"), new Field("version", "string"),
            new Field("chainId", "uint256"), new Field("verifyingContract", "address"));

    private Eip712() {
    }

    /** The EIP712Domain with all four standard fields. */
    public record Domain(String name, String version, long chainId, EthAddress verifyingContract) {
        public Domain {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(verifyingContract, "verifyingContract");
        }
    }

    /** One member of a struct type: its name and its EIP-712 type ({@code string}, {@code uint64}, ...). */
    public record Field(String name, String type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The digest to sign for a flat struct {@code primaryType(fields...)} with {@code values}. */
    public static byte[] digest(Domain domain, String primaryType, List<Field> fields, Map<String, ?> values) {
        return digest(domain, primaryType, Map.of(primaryType, fields), values);
    }

    /** The digest to sign for {@code primaryType} whose struct types (nested ones too) are in {@code types}. */
    public static byte[] digest(Domain domain, String primaryType, Map<String, List<Field>> types, Map<String, ?> message) {
        return Keccak.keccak256(new byte[] {0x19, 0x01}, domainSeparator(domain), hashStruct(primaryType, types, message));
    }

    /** hashStruct(EIP712Domain). */
    public static byte[] domainSeparator(Domain domain) {
        Map<String, Object> values = Map.of("name", domain.name(), "version", domain.version(),
                "chainId", BigInteger.valueOf(domain.chainId()), "verifyingContract", domain.verifyingContract());
        return hashStruct("EIP712Domain", Map.of("EIP712Domain", DOMAIN_FIELDS), values);
    }

    /** {@code keccak256(typeHash || encodeData(values))}. */
    public static byte[] hashStruct(String type, Map<String, List<Field>> types, Map<String, ?> values) {
        List<Field> fields = types.get(type);
        if (fields == null) {
            throw new IllegalArgumentException("EIP-712 type " + type + " is not declared");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * (fields.size() + 1));
        out.writeBytes(Keccak.keccak256(encodeType(type, types).getBytes(StandardCharsets.UTF_8)));
        for (Field f : fields) {
            if (!values.containsKey(f.name()) || values.get(f.name()) == null) {
                throw new IllegalArgumentException("EIP-712 " + type + "." + f.name() + ": value missing");
            }
            out.writeBytes(encodeValue(type + "." + f.name(), f.type(), values.get(f.name()), types));
        }
        return Keccak.keccak256(out.toByteArray());
    }

    /** {@code Primary(type name,...)} followed by the referenced struct types sorted by name. */
    public static String encodeType(String primaryType, Map<String, List<Field>> types) {
        TreeSet<String> deps = new TreeSet<>();
        collectDependencies(primaryType, types, deps);
        deps.remove(primaryType);
        StringBuilder sb = new StringBuilder();
        appendType(sb, primaryType, types);
        for (String dep : deps) {
            appendType(sb, dep, types);
        }
        return sb.toString();
    }

    private static void appendType(StringBuilder sb, String type, Map<String, List<Field>> types) {
        sb.append(type).append('(');
        List<Field> fields = types.get(type);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(fields.get(i).type()).append(' ').append(fields.get(i).name());
        }
        sb.append(')');
    }

    private static void collectDependencies(String type, Map<String, List<Field>> types, TreeSet<String> into) {
        String base = baseType(type);
        if (!types.containsKey(base) || !into.add(base)) {
            return;
        }
        for (Field f : types.get(base)) {
            collectDependencies(f.type(), types, into);
        }
    }

    private static String baseType(String type) {
        String t = type;
        Matcher m = ARRAY.matcher(t);
        while (m.matches()) {
            t = m.group(1);
            m = ARRAY.matcher(t);
        }
        return t;
    }

    private static byte[] encodeValue(String where, String type, Object value, Map<String, List<Field>> types) {
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            if (!(value instanceof List<?> list)) {
                throw new IllegalArgumentException("EIP-712 " + where + ": " + type + " needs a List");
            }
            if (!array.group(2).isEmpty() && list.size() != Integer.parseInt(array.group(2))) {
                throw new IllegalArgumentException("EIP-712 " + where + ": " + type + " needs " + array.group(2) + " elements");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * list.size());
            for (int i = 0; i < list.size(); i++) {
                out.writeBytes(encodeValue(where + "[" + i + "]", array.group(1), list.get(i), types));
            }
            return Keccak.keccak256(out.toByteArray());
        }
        if (types.containsKey(type)) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("EIP-712 " + where + ": struct " + type + " needs a Map");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> struct = (Map<String, ?>) map;
            return hashStruct(type, types, struct);
        }
        switch (type) {
            case "string":
                if (!(value instanceof CharSequence cs)) {
                    throw new IllegalArgumentException("EIP-712 " + where + ": string needs a String");
                }
                return Keccak.keccak256(cs.toString().getBytes(StandardCharsets.UTF_8));
            case "bytes":
                return Keccak.keccak256(bytesOf(where, value));
            case "address":
                EthAddress address;
                if (value instanceof EthAddress a) {
                    address = a;
                } else if (value instanceof CharSequence cs) {
                    address = EthAddress.parse(cs.toString());
                } else {
                    throw new IllegalArgumentException("EIP-712 " + where + ": address needs an EthAddress or a hex String");
                }
                byte[] word = new byte[32];
                System.arraycopy(address.bytes(), 0, word, 12, 20);
                return word;
            case "bool":
                if (!(value instanceof Boolean b)) {
                    throw new IllegalArgumentException("EIP-712 " + where + ": bool needs a Boolean");
                }
                byte[] flag = new byte[32];
                flag[31] = (byte) (b ? 1 : 0);
                return flag;
            default:
                break;
        }
        Matcher bytesN = BYTES_N.matcher(type);
        if (bytesN.matches()) {
            int n = Integer.parseInt(bytesN.group(1));
            if (n < 1 || n > 32) {
                throw new IllegalArgumentException("EIP-712 " + where + ": unsupported type " + type);
            }
            byte[] raw = bytesOf(where, value);
            if (raw.length != n) {
                throw new IllegalArgumentException("EIP-712 " + where + ": " + type + " needs exactly " + n + " bytes, got " + raw.length);
            }
            byte[] word = new byte[32];
            System.arraycopy(raw, 0, word, 0, n);
            return word;
        }
        Matcher integer = INT.matcher(type);
        if (integer.matches()) {
            int bits = Integer.parseInt(integer.group(2));
            if (bits < 8 || bits > 256 || bits % 8 != 0) {
                throw new IllegalArgumentException("EIP-712 " + where + ": unsupported type " + type);
            }
            boolean unsigned = !integer.group(1).isEmpty();
            BigInteger v = integerOf(where, value);
            BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
            BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                throw new IllegalArgumentException("EIP-712 " + where + ": " + v + " is out of range for " + type);
            }
            BigInteger twos = v.signum() < 0 ? BigInteger.ONE.shiftLeft(256).add(v) : v;
            return EcdsaSignature.word(twos);
        }
        throw new IllegalArgumentException("EIP-712 " + where + ": unsupported type " + type);
    }

    private static byte[] bytesOf(String where, Object value) {
        if (value instanceof byte[] b) {
            return b.clone();
        }
        if (value instanceof CharSequence cs) {
            return Hex.decode(cs, "EIP-712 " + where);
        }
        throw new IllegalArgumentException("EIP-712 " + where + ": bytes need a byte[] or a hex String");
    }

    private static BigInteger integerOf(String where, Object value) {
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("EIP-712 " + where + ": integer expected, got " + d, e);
            }
        }
        if (value instanceof CharSequence cs) {
            String s = cs.toString().strip();
            try {
                return s.startsWith("0x") || s.startsWith("0X") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("EIP-712 " + where + ": integer expected, got \"" + s + "\"", e);
            }
        }
        throw new IllegalArgumentException("EIP-712 " + where + ": integer needs a Number or a String, got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
