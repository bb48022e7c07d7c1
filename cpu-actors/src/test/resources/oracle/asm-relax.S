# Branch relaxation: rel8 while the final displacement fits, rel32 otherwise, to a fixed point.
	.set far_away, 0xffffffff81000000
	.text
top:	jmp top
	je top
	jne fwd_short
	jz fwd_long
	jmp fwd_long
	call top
	call fwd_long
	jmp 0x401000
	jmp far_away
	call far_away
	jnae top
	jnbe top
	jc top
	jnc top
	jo top
	jno top
	js top
	jns top
	jp top
	jpe top
	jnp top
	jpo top
	jl top
	jge top
	jle top
	jg top
	jnge top
	jnl top
	jng top
	jnle top
	jb top
	ja top
	jbe top
	jae top
fwd_short:
	.skip 100, 0x90
	jmp fwd_short
	jmp 1f
	.skip 120, 0x90
1:	jmp 1b
	jmp 2f
	.skip 125, 0x90
2:	jmp 2b
	.skip 126, 0x90
	jmp 2b
	jmp 3f
	.skip 126, 0x90
3:	nop
	# a chain: each jump's size depends on the next one's
	jmp c1
	jmp c2
	.skip 122, 0x90
c1:	jmp c3
	.skip 3
c2:	.skip 120, 0x90
c3:	nop
	# alignment between a branch and its target
	jne a1
	.skip 100, 0x90
	.p2align 5
	.skip 20, 0x90
a1:	nop
	.skip 200, 0x90
fwd_long:
	ret
	jmp .+2
	jmp .
	jmp top+1
	je fwd_long-1
	jmp *%rax
	jmp *(%rax)
	jmpq *8(%rax,%rbx,4)
	call *%r11
	callq *(%r12)
	call *0x10(%rip)
	jmp *far_away
