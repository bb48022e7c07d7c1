# Directives, expressions, labels and alignment padding, compared byte for byte with GNU as.
	.set K, 5
	.equ MASK, (1 << 12) - 1
	BIG = 0x1234 * 2 + 'a'
	.text
	.globl start
	.type start, @function
start:	mov $K, %eax; add $MASK, %ebx	/* two statements */
	mov $BIG, %ecx		# a comment
	mov $~0x0f & 0xff, %dl
	mov $(7 % 3) | (1 ^ 3), %esi
	mov $-(4 >> 1), %edi
	mov $0b1011, %eax
	mov $017, %eax
	mov $'A', %al
	mov $.Lend - start, %eax
	add $(2f - 1f), %eax
1:	nop
2:	inc %eax
	.p2align 4
	ret
	.align 8
	.byte 1, 2, 3
	.align 16
	hlt
	.balign 32
	.p2align 3, 0xcc
	.p2align 5,,3
	.short 0x1234, -1
	.word 7
	.value 8
	.long 0xdeadbeef, .Lend - start
	.int 9
	.quad 0x0123456789abcdef
	.quad start, .Lend
	.ascii "ab\n\t\"\\", "c"
	.asciz "xyz\101\x42"
	.string "s"
	.skip 3
	.space 2, 0x90
	.fill 3, 2, 0x1234
	.zero 2
	.p2align 4
	mov here, %eax
here:	lea here(%rip), %rax
	movabs $start, %rax
	mov $start, %eax
	mov start+4(%rip), %eax
	mov %eax, data_word
	mov data_word(%rip), %edx
	mov %fs:0x28, %rax
	mov %gs:(%rax), %ebx
	.Lend:
	.size start, .Lend - start

	.data
	.type data_word, @object
data_word: .long 0x11223344
	.size data_word, 4
table:	.quad start, here, data_word
	.section .rodata, "a", @progbits
msg:	.asciz "hello"
	.bss
buf:	.skip 64
	.text
	lea msg(%rip), %rsi
	lea buf(%rip), %rdi
	mov $buf, %ecx
	mov table, %rax
	ret
