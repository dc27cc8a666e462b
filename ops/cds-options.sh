#!/bin/sh
# The gateway's class-data archive (AppCDS): the classes a gateway loads at start (QuickFIX/J, Netty,
# Jackson, the adapters...) kept, parsed and verified, in one file the next JVM maps instead of
# loading them again. Start to accepting logons drops from ~1.3-2.3 s to ~0.75 s on a 2-core machine
# (bench/README.md). Used by ./fixbridge run and the systemd unit.
#
#   cds-options.sh options JAR ARCHIVE   prints the JVM options for this start:
#       ARCHIVE newer than JAR             -> use it (-XX:SharedArchiveFile=ARCHIVE)
#       else, ARCHIVE's directory writable -> this run writes ARCHIVE.new when its JVM exits
#                                             (-XX:ArchiveClassesAtExit=ARCHIVE.new)
#       FIXBRIDGE_CDS=off, or neither      -> nothing: the JVM starts as it would without it
#   cds-options.sh promote ARCHIVE STATUS  after the JVM ended with exit status STATUS: a complete
#       ARCHIVE.new (the JVM exited by itself or on SIGTERM/SIGINT: 0, 130, 143) becomes ARCHIVE;
#       any other end (SIGKILL mid-write, a crash) discards it, and the next start writes it again.
#
# An archive of another jar is never used (a rebuilt jar is newer than its archive). The JVM's CDS
# messages are silenced: they go to standard output.
set -eu
mode="$1"
case "$mode" in
  options)
    jar="$2"; archive="$3"
    [ "${FIXBRIDGE_CDS:-on}" = off ] && exit 0
    quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"
    if [ -s "$archive" ] && [ "$archive" -nt "$jar" ]; then
      echo "-XX:SharedArchiveFile=$archive $quiet"
    elif [ -w "$(dirname "$archive")" ]; then
      rm -f "$archive.new"
      echo "-XX:ArchiveClassesAtExit=$archive.new $quiet"
    fi
    ;;
  promote)
    archive="$2"; status="$3"
    if [ -s "$archive.new" ] && { [ "$status" = 0 ] || [ "$status" = 130 ] || [ "$status" = 143 ]; }; then
      mv -f "$archive.new" "$archive"
    else
      rm -f "$archive.new"
    fi
    ;;
  *)
    echo "usage: cds-options.sh options JAR ARCHIVE | promote ARCHIVE STATUS" >&2
    exit 2
    ;;
esac
