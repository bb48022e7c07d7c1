# Edge cases checked against as --64 2.40: label aliases, cross-section branches, char constants,
# read-time constants vs late-resolved label differences, data ranges.
	.text
start:
	.set alias, start
	jmp alias
	here = .
	jmp here
	call alias
	leaq (%rax,%rbx,2), %rcx
	leal 4(%rip), %eax
	leaw (%rax), %ax
	.p2align 4, 0x90
	.align 4, 0xcc
	.balign 8, 0
	jmp in_kprobes
	call in_kprobes
	je in_kprobes
	mov $in_kprobes, %edx
	mov in_kprobes(%rip), %edx
	mov $(end - start), %ecx
	add $(end - start), %ecx
	addb $(1f - start), %cl
1:	nop
	mov $'\n', %al
	mov $';', %al
	mov $'#', %bl   # comment
	.ascii "a;b#c"
	.byte 'z', 0x7f, -128, 255
	.word -32768, 65535
	.long -1, 0xffffffff
	.quad -1
	.section .kprobes.text, "ax", @progbits
in_kprobes:
	jmp start
	jmp in_kprobes
	ret
	.text
end:	ret
	# section stack: .pushsection/.popsection nest; .previous swaps
	.text
	nop
	.pushsection .data
	.quad end
	.pushsection .rodata
	.byte 7
	.popsection
	.long 1
	.popsection
	ret
	.data
	.byte 9
	.previous
	int3
	.previous
	.byte 10
	.text
	hlt
