#!/usr/bin/env bash
# What the host does while a benchmark runs (Linux): every 10 s, dirty and write-back page cache, the disk's writes
# (MB/s, count, ms each) and the CPU split (user, system, idle, I/O wait, stolen by the hypervisor), one line each.
# Runs until stopped. Usage: tools/host_sample.sh [DISK, default vda] > host.log &
disk=${1:-vda}
prev=($(awk -v d="$disk" '$3==d {print $8, $10, $11}' /proc/diskstats)); cpu0=($(head -1 /proc/stat))
while sleep 10; do
  cur=($(awk -v d="$disk" '$3==d {print $8, $10, $11}' /proc/diskstats)); cpu1=($(head -1 /proc/stat))
  w=$(( cur[0]-prev[0] )); mb=$(( (cur[1]-prev[1]) / 2048 / 10 )); ms=$(( cur[2]-prev[2] ))
  tot=0; for i in 1 2 3 4 5 6 7 8; do d[$i]=$(( cpu1[i]-cpu0[i] )); tot=$(( tot + d[i] )); done
  printf '%s dirty %s MB writeback %s MB | %s %s MB/s, %s writes, %.2f ms each | us %d sy %d id %d wa %d st %d\n' \
    "$(date +%T)" $(( $(awk '/^Dirty:/{print $2}' /proc/meminfo) / 1024 )) $(( $(awk '/^Writeback:/{print $2}' /proc/meminfo) / 1024 )) \
    "$disk" $mb $w $(awk -v a=$ms -v b=$w 'BEGIN{print b ? a/b : 0}') $(( 100*(d[1]+d[2])/tot )) $(( 100*d[3]/tot )) $(( 100*d[4]/tot )) $(( 100*d[5]/tot )) $(( 100*d[8]/tot ))
  prev=("${cur[@]}"); cpu0=("${cpu1[@]}")
done
