# .rept/.endr and .if/.ifdef/.ifndef/.else/.endif, as kernel-style sources use them.
	.set NR_VECTORS, 4
	.set CONFIG_PREEMPT, 1
	.text
vectors:
	.rept NR_VECTORS
	push $0
	jmp common
	.p2align 3
	.endr
	.rept 2
	.rept 3
	nop
	.endr
	int3
	.endr
common:
.if CONFIG_PREEMPT
	incl %gs:0x10
.else
	nop
.endif
.ifdef CONFIG_SMP
	lock incq (%rax)
.else
	incq (%rax)
.endif
.ifndef CONFIG_SMP
	.if NR_VECTORS - 4
	ud2
	.else
	.if 1
	hlt
	.endif
	.endif
.endif
	ret
