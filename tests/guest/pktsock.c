// SPDX-License-Identifier: GPL-2.0
/*
 * Holds a packet socket open (AF_PACKET, SOCK_RAW, ETH_P_ALL): af_packet
 * adds its handler to ptype_all for as long, as tcpdump would. A negative
 * twin of the callback inventory.
 *
 *   pktsock SECONDS   prints "open", holds the socket until SIGTERM or
 *                     SECONDS, prints "closed"; exit 0, else 1 with errno.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	time_t end;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: pktsock SECONDS\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (fd < 0) {
		fprintf(stderr, "pktsock: socket: %s (errno %d)\n",
			strerror(errno), errno);
		return 1;
	}
	printf("open\n");
	fflush(stdout);
	end = time(NULL) + atol(argv[1]);
	while (!stop && time(NULL) < end)
		usleep(100000);
	close(fd);
	printf("closed\n");
	return 0;
}
