package io.fixbridge.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import quickfix.Message;
import quickfix.field.BeginString;
import quickfix.field.EncryptMethod;
import quickfix.field.HeartBtInt;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.TargetCompID;

/**
 * Measures "start to accepting logons": from a process's start, tries a FIX Logon (with
 * ResetSeqNumFlag, so it costs the session nothing) every 10 ms until one is answered with a Logon.
 * <b>Threading:</b> caller's thread. <b>Errors:</b> {@link IllegalStateException} when no logon is
 * accepted within the timeout.
 */
final class LogonProbe {
    private LogonProbe() {
    }

    /** Nanos from {@code startedNanos} until a logon was accepted on 127.0.0.1:{@code port}. */
    static long untilLogonAccepted(long startedNanos, int port, String sender, String target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing tried";
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                socket.setSoTimeout(500);
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                out.write(logon(sender, target).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = read(socket.getInputStream());
                if (answer.contains("\u000135=A\u0001")) {
                    long took = System.nanoTime() - startedNanos;
                    out.write(logout(sender, target).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return took;
                }
                last = answer.isEmpty() ? "connection closed without an answer" : answer.replace('\u0001', '|');
            } catch (IOException e) {
                last = e.getMessage();
            }
            BenchProcess.sleep(10);
        }
        throw new IllegalStateException("no FIX logon accepted on 127.0.0.1:" + port + " within " + timeout.toSeconds()
                + " s; last attempt: " + last);
    }

    private static String read(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        StringBuilder b = new StringBuilder();
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                b.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
                if (b.indexOf("\u000110=") >= 0) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // no answer in time: what came so far is the answer
        }
        return b.toString();
    }

    private static String logon(String sender, String target) {
        Message m = header(MsgType.LOGON, sender, target);
        m.setInt(EncryptMethod.FIELD, EncryptMethod.NONE_OTHER);
        m.setInt(HeartBtInt.FIELD, 30);
        m.setBoolean(ResetSeqNumFlag.FIELD, true);
        return m.toString();
    }

    private static String logout(String sender, String target) {
        Message m = header(MsgType.LOGOUT, sender, target);
        m.getHeader().setInt(MsgSeqNum.FIELD, 2);
        return m.toString();
    }

    private static Message header(String type, String sender, String target) {
        Message m = new Message();
        m.getHeader().setString(BeginString.FIELD, "FIX.4.4");
        m.getHeader().setString(MsgType.FIELD, type);
        m.getHeader().setString(SenderCompID.FIELD, sender);
        m.getHeader().setString(TargetCompID.FIELD, target);
        m.getHeader().setInt(MsgSeqNum.FIELD, 1);
        m.getHeader().setUtcTimeStamp(SendingTime.FIELD, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        return m;
    }
}
