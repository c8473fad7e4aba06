#!/bin/sh
# Real programs as groups: Debian's busybox, dynamic (/mvx/bin/busybox,
# unpacked by scripts/install-deps), at N = 2 and 3. Its sh runs scripts
# with pipes, subshells, here-documents and its own applets as programs,
# with the native output and exit status; its httpd, as a group, serves
# files to wget run natively, byte for byte, forking a child group per
# connection, and a SIGTERM to umvx ends the group without a divergence.
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
	_name=$1 _script=$2
	run_to "$S/$_name.native" "$BB" sh -c "$_script"
	_ns=$(cat "$S/$_name.native.status")
	for _v in 2 3; do
		_r=$S/$_name.$_v
		variants "$_r" "$_v" "$BB" sh -c "$_script"
		_vs=$(cat "$_r.status")
		if [ "$_vs" -eq "$_ns" ] && cmp -s "$S/$_name.native" "$_r"; then
			pass "mvx programs: busybox sh $_name: $_v variants: the native output and exit status ($_ns)"
			continue
		fi
		fail "mvx programs: busybox sh $_name: $_v variants: exit $_vs (natively $_ns)," \
			"output $(cmp -s "$S/$_name.native" "$_r" && echo same || echo differs)"
		diff "$S/$_name.native" "$_r" | head -n 20 | sed 's/^/    /'
		show "$_r.err"
	done
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
for v in 2 3; do
	t="mvx programs: busybox httpd, $v variants"
	port=$((18080 + v))
	timeout -k 10 "$LIMIT" umvx run -n "$v" -- "$BB" httpd -f \
		-p "127.0.0.1:$port" -h "$S/www" > "$S/httpd.$v" 2> "$S/httpd.$v.err" &
	pid=$!
	tries=0
	until /bin/busybox wget -q -O "$S/index.$v" "http://127.0.0.1:$port/index.html" 2>/dev/null; do
		tries=$((tries + 1))
		if [ $tries -ge 50 ] || ! kill -0 $pid 2>/dev/null; then
			break
		fi
		sleep 0.2
	done
	if cmp -s "$S/www/index.html" "$S/index.$v"; then
		pass "$t: wget got index.html"
	else
		fail "$t: wget did not get index.html (tries $tries)"
		show "$S/httpd.$v.err"
	fi
	/bin/busybox wget -q -O "$S/big.$v" "http://127.0.0.1:$port/big.txt" 2>/dev/null
	/bin/busybox wget -q -O "$S/missing.$v" "http://127.0.0.1:$port/missing" 2>/dev/null
	_ms=$?
	expect "$t: wget got big.txt, byte for byte" cmp -s "$S/www/big.txt" "$S/big.$v"
	expect "$t: a missing file is an error for wget ($_ms)" test "$_ms" -ne 0
	kill -TERM $pid 2>/dev/null
	wait $pid
	st=$?
	if [ $st -eq 143 ] && ! grep -q 'divergence' "$S/httpd.$v.err"; then
		pass "$t: SIGTERM ends the group (exit 143), no divergence"
	else
		fail "$t: after SIGTERM: exit $st (want 143)"
		show "$S/httpd.$v.err"
	fi
done
