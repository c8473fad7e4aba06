#!/bin/sh
# Real programs as groups, at N = 2 and 3: Debian's busybox, dynamic,
# and lighttpd (/mvx/bin/, unpacked by scripts/install-deps). busybox sh
# runs scripts with pipes, subshells, here-documents and its own applets
# as programs, with the native output and exit status; busybox httpd, as
# a group, serves files to wget run natively, byte for byte, forking a
# child group per connection, and a SIGTERM to umvx ends the group
# without a divergence; lighttpd (epoll, pointers as epoll data, writev,
# accept4) serves the same files and ends cleanly on SIGTERM.
# shellcheck source-path=SCRIPTDIR source=../lib/check.sh
. /mvx/tests/lib/check.sh
# shellcheck source=lib.sh
. /mvx/tests/mvx/lib.sh
new_scratch programs
require_variants "mvx programs"
BB=/mvx/bin/busybox

# bb_sh NAME SCRIPT: busybox sh -c SCRIPT natively and as 2 and 3
# variants: the same output and exit status.
bb_sh() {
	like_native "mvx programs: busybox sh" "$1" "2 3" "$BB" sh -c "$2"
}

bb_sh pipes "printf 'b\na\nc\n' | $BB sort | $BB sed 's/^/> /' | $BB awk '{ print NR \": \" \$0 }'"
bb_sh subshells "x=\$(echo a b | $BB tr a-z A-Z); echo \"\$x\"; (cd /; $BB pwd; exit 3); echo \"status \$?\"; echo \$( (echo inner) )"
bb_sh status "$BB false; echo \$?; $BB sh -c 'exit 7'; echo \$?; $BB true && echo yes"
bb_sh files "echo one > $S/tmp/f; echo two >> $S/tmp/f; $BB cat $S/tmp/f | $BB wc -l; $BB cp $S/tmp/f $S/tmp/g; $BB md5sum < $S/tmp/g; $BB rm $S/tmp/f $S/tmp/g; $BB ls $S/tmp | $BB wc -l"
bb_sh heredoc "while read -r a b; do echo \"\$b \$a\"; done <<END
1 one
2 two
END
for i in 1 2 3; do echo \$i; done | $BB xargs $BB echo; exit 4"

# httpd as a group, wget natively (the VM's static busybox).
mkdir -p "$S/www"
printf 'hello from httpd\n' > "$S/www/index.html"
i=0
while [ $i -lt 2048 ]; do
	echo "line $i of a larger file, served in several reads"
	i=$((i + 1))
done > "$S/www/big.txt"

# serve NAME OUT: wget the index, a large file and a missing one from
# the server running as group $pid on $port, and check them.
serve() {
	tries=0
	until /bin/busybox wget -q -O "$S/index.$2" "http://127.0.0.1:$port/index.html" 2>/dev/null; do
		tries=$((tries + 1))
		if [ $tries -ge 50 ] || ! kill -0 $pid 2>/dev/null; then
			break
		fi
		sleep 0.2
	done
	if cmp -s "$S/www/index.html" "$S/index.$2"; then
		pass "$1: wget got index.html"
	else
		fail "$1: wget did not get index.html (tries $tries)"
		show "$S/$2.err"
	fi
	/bin/busybox wget -q -O "$S/big.$2" "http://127.0.0.1:$port/big.txt" 2>/dev/null
	/bin/busybox wget -q -O "$S/missing.$2" "http://127.0.0.1:$port/missing" 2>/dev/null
	_ms=$?
	expect "$1: wget got big.txt, byte for byte" cmp -s "$S/www/big.txt" "$S/big.$2"
	expect "$1: a missing file is an error for wget ($_ms)" test "$_ms" -ne 0
}

# stop NAME OUT STATUS: SIGTERM to umvx ends the server's group $pid
# with STATUS (143: killed by it; 0: it exits), without a divergence.
stop() {
	kill -TERM $pid 2>/dev/null
	wait $pid
	_st=$?
	if [ $_st -eq "$3" ] && ! grep -q 'divergence' "$S/$2.err"; then
		pass "$1: SIGTERM ends the group (exit $3), no divergence"
	else
		fail "$1: after SIGTERM: exit $_st (want $3)"
		show "$S/$2.err"
	fi
}

for v in 2 3; do
	t="mvx programs: busybox httpd, $v variants"
	port=$((18080 + v))
	timeout -k 10 "$LIMIT" umvx run -n "$v" -- "$BB" httpd -f \
		-p "127.0.0.1:$port" -h "$S/www" > "$S/httpd.$v" 2> "$S/httpd.$v.err" &
	pid=$!
	serve "$t" "httpd.$v"
	stop "$t" "httpd.$v" 143
done

for v in 2 3; do
	t="mvx programs: lighttpd, $v variants"
	port=$((18090 + v))
	cat > "$S/lighttpd.$v.conf" <<END
server.document-root = "$S/www"
server.bind = "127.0.0.1"
server.port = $port
server.modules = ()
mimetype.assign = ( ".html" => "text/html", ".txt" => "text/plain" )
END
	timeout -k 10 "$LIMIT" umvx run -n "$v" -- /mvx/bin/lighttpd -D \
		-f "$S/lighttpd.$v.conf" > "$S/lighttpd.$v" 2> "$S/lighttpd.$v.err" &
	pid=$!
	serve "$t" "lighttpd.$v"
	stop "$t" "lighttpd.$v" 0
done
