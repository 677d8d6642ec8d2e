#!/bin/bash
# Writes 04.conf (2,000 loopbacks, 32 GigabitEthernets and 2,000 static
# routes, given in reverse and with abbreviations) and 04.ok (the same
# configuration in IOS order and layout).  Run from tests/golden/.
set -euo pipefail
n=2000
{
	echo "hostname big"
	for ((i = n - 1; i >= 0; i--)); do
		echo "int lo$i"
		echo " ip add 10.$((i / 250)).$((i % 250)).1 255.255.255.255"
	done
	for ((i = 32; i >= 1; i--)); do
		echo "interface GigabitEthernet$i"
		echo " description port $i"
		echo " no ip address"
		echo " shutdown"
	done
	for ((i = n - 1; i >= 0; i--)); do
		echo "ip route 172.$((16 + i / 250)).$((i % 250)).0 255.255.255.0 10.0.0.254"
	done
	echo "end"
} >04.conf
{
	printf '!\n!\nhostname big\n!\n'
	for ((i = 0; i < n; i++)); do
		echo "interface Loopback$i"
		echo " ip address 10.$((i / 250)).$((i % 250)).1 255.255.255.255"
		echo "!"
	done
	for ((i = 1; i <= 32; i++)); do
		echo "interface GigabitEthernet$i"
		echo " description port $i"
		echo " no ip address"
		echo " shutdown"
		echo "!"
	done
	for ((i = 0; i < n; i++)); do
		echo "ip route 172.$((16 + i / 250)).$((i % 250)).0 255.255.255.0 10.0.0.254"
	done
	printf '!\nend\n'
} >04.ok
